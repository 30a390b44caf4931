import Foundation
import Testing
import ParleyModel
@testable import ParleyText

/// Anchor: Wednesday 2025-11-12T21:48:07Z (ISO week 46, fourth quarter).
private let anchor = Timestamp.parse("2025-11-12T21:48:07Z")!

private func tag(_ text: String) -> [DateMention] { DateTagger.find(in: text, anchor: anchor) }

struct DateCase: CustomStringConvertible, Sendable {
    let text: String
    let mention: String
    let value: String
    let type: DateMention.Kind
    init(_ text: String, _ mention: String, _ value: String, _ type: DateMention.Kind = .date) {
        self.text = text; self.mention = mention; self.value = value; self.type = type
    }
    var description: String { "\(text) → \(mention) = \(value)" }
}

@Suite struct DateTaggerTests {
    static let cases: [DateCase] = [
        // absolute
        DateCase("On November 9, 2025, the ministers met.", "November 9, 2025", "2025-11-09"),
        DateCase("The talks resumed on 9 Nov in Muscat.", "9 Nov", "2025-11-09"),
        DateCase("The talks resumed on Nov. 9 in Muscat.", "Nov. 9", "2025-11-09"),
        DateCase("Araghchi spoke on Sept. 3 in Tehran.", "Sept. 3", "2025-09-03"),
        DateCase("The deal lapsed in September 2025.", "September 2025", "2025-09"),
        DateCase("He visited in October 2025.", "October 2025", "2025-10"),
        DateCase("Inspectors left in 2018.", "2018", "2018"),
        DateCase("After the 2018 withdrawal, sanctions returned.", "2018", "2018"),
        DateCase("Relations were frozen in the 1990s.", "the 1990s", "199"),
        DateCase("The program was restarted in mid-2021.", "mid-2021", "2021"),
        DateCase("Talks are planned for early 2024.", "early 2024", "2024"),
        DateCase("The report is dated 2025-11-09.", "2025-11-09", "2025-11-09"),
        DateCase("The letter is dated 11/09/2025.", "11/09/2025", "2025-11-09"),
        DateCase("The 5th of May 2024 was quiet.", "5th of May 2024", "2024-05-05"),
        DateCase("He returned on Dec. 15.", "Dec. 15", "2025-12-15"),
        // relative
        DateCase("The minister said Thursday that talks failed.", "Thursday", "2025-11-06"),
        DateCase("The envoy will arrive Thursday.", "Thursday", "2025-11-13"),
        DateCase("Officials met on Monday.", "Monday", "2025-11-10"),
        DateCase("He spoke yesterday.", "yesterday", "2025-11-11"),
        DateCase("Talks continue today.", "today", "2025-11-12"),
        DateCase("They will meet tomorrow.", "tomorrow", "2025-11-13"),
        DateCase("Sanctions were imposed last week.", "last week", "2025-W45"),
        DateCase("Inspectors arrive this week.", "this week", "2025-W46"),
        DateCase("The vote comes next month.", "next month", "2025-12"),
        DateCase("He resigned two days ago.", "two days ago", "2025-11-10"),
        DateCase("The embassy closed three years ago.", "three years ago", "2022"),
        DateCase("Earlier this month the talks stalled.", "Earlier this month", "2025-11"),
        DateCase("Elections are due next year.", "next year", "2026"),
        DateCase("Exports fell last year.", "last year", "2024"),
        DateCase("Tensions have grown in recent months.", "recent months", "PAST_REF"),
        DateCase("Iran is now enriching uranium.", "now", "PRESENT_REF"),
        DateCase("The agency currently has no access.", "currently", "PRESENT_REF"),
        DateCase("Iran recently expanded enrichment.", "recently", "PAST_REF"),
        DateCase("Talks may resume in the coming weeks.", "the coming weeks", "FUTURE_REF"),
        DateCase("Output grew in the fourth quarter.", "the fourth quarter", "2025-Q4"),
        DateCase("Profit rose in the third quarter of 2024.", "the third quarter of 2024", "2024-Q3"),
        DateCase("Third-quarter profit rose.", "Third-quarter", "2025-Q3"),
        DateCase("Prices rose in the past several months.", "the past several months", "PXM", .duration),
        DateCase("Prices rose over the past two months.", "the past two months", "P2M", .duration),
        DateCase("The summit will be held over the weekend.", "the weekend", "2025-W46-WE"),
        DateCase("The summit was held over the weekend.", "the weekend", "2025-W45-WE"),
        DateCase("The strike happened last Friday.", "last Friday", "2025-11-07"),
        DateCase("They will meet next Tuesday.", "next Tuesday", "2025-11-18"),
        DateCase("The accord was signed last October.", "last October", "2025-10"),
        DateCase("The fund was set up in the first half of 2023.", "the first half of 2023", "2023-H1"),
        DateCase("Earnings will fall in the last half of 1989.", "the last half of 1989", "1989-H2"),
        DateCase("The mission ends in December.", "December", "2025-12"),
        DateCase("Sales fell in July last year.", "July last year", "2024-07"),
        DateCase("Revenue rose a year ago.", "a year ago", "2024"),
        // durations, sets, times
        DateCase("Iran has enriched uranium for three years.", "three years", "P3Y", .duration),
        DateCase("Inspectors visit every week.", "every week", "P1W", .set),
        DateCase("The bulletin is published daily.", "daily", "P1D", .set),
        DateCase("The statement came at 21:48 local time.", "21:48", "2025-11-12T21:48", .time),
        DateCase("As of November 12, 2025, at 21:48:07, talks stalled.", "21:48:07", "2025-11-12T21:48:07", .time),
        DateCase("The vote opens at 9 a.m. tomorrow.", "9 a.m. tomorrow", "2025-11-13T09:00", .time),
        DateCase("The envoy landed this morning.", "this morning", "2025-11-12TMO", .time),
        DateCase("The attack came late last night.", "late last night", "2025-11-11TNI", .time),
        DateCase("The ceasefire collapsed on Aug. 20.", "Aug. 20", "2025-08-20"),
        DateCase("Talks were held in March.", "March", "2025-03"),
        DateCase("Talks will be held in March.", "March", "2026-03"),
        DateCase("The rally will take place on Christmas Day.", "Christmas Day", "2025-12-25"),
        // anaphoric expressions: anchored to the reference time, the last date mentioned (TimeML)
        DateCase("Talks began on March 3, 2024. Later that year the deal collapsed.", "Later that year", "2024"),
        DateCase("The treaty was signed in May 1998. The following month, troops withdrew.", "The following month", "1998-06"),
        DateCase("Fighting broke out on Oct. 23, 2024. Earlier that day, envoys met.", "Earlier that day", "2024-10-23"),
        DateCase("The envoy arrived on June 4, 2023, and left the next day.", "the next day", "2023-06-05"),
        DateCase("The envoy arrived on June 4, 2023, and left the next morning.", "the next morning", "2023-06-05"),
        DateCase("He was elected in 1996 and resigned the following year.", "the following year", "1997"),
        DateCase("He was elected in 1996 and resigned the same year.", "the same year", "1996"),
        DateCase("On Jan. 5, 2020, the talks stalled. Two days later, they resumed.", "Two days later", "2020-01-07"),
        DateCase("The ceasefire began in October 2024, and that same day shelling stopped.", "that same day", "2024-10-XX"),
        DateCase("Fighting ended in 1995. The previous year, talks had failed.", "The previous year", "1994"),
        DateCase("That year the talks failed.", "That year", "2025"),
        // spelled-out years, seasons with modifiers
        DateCase("It was the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "1994-WI"),
        DateCase("They married in January nineteen ninety-seven.", "January nineteen ninety-seven", "1997-01"),
        DateCase("Sales rose in the early summer.", "the early summer", "2025-SU"),
        // the year of the report; "the year ended …" is a duration
        DateCase("Profit rose 5% for the year.", "the year", "2025"),
        DateCase("Losses narrowed during the fiscal year.", "the fiscal year", "2025"),
        DateCase("Revenue for the year ended Sept. 30 rose.", "the year", "P1Y", .duration),
        DateCase("The then current chairman resigned.", "then current", "PAST_REF"),
        // "next to" is a place, not a future cue
        DateCase("Dozens were hurt in the blasts next to the U.S. embassies on Friday.", "Friday", "2025-11-07"),
        // "is to" + verb looks ahead
        DateCase("The stock is to resume trading in Paris Tuesday.", "Tuesday", "2025-11-18"),
        // without tags too, a present "hopes to" puts the weekday ahead ("said" further away is past)
        DateCase("Rubio said the United States hopes to resolve the pause during talks Tuesday.", "Tuesday", "2025-11-18"),
        // the quarter under discussion: the one the report opens with, not a passing mention
        DateCase("Profit rose in the third quarter. After a weak second quarter, sales grew. Net fell from a year earlier.",
                 "a year earlier", "2024-Q3"),
        DateCase("Profit rose in the third quarter of 1989. In the 1989 period, costs fell.", "the 1989 period", "1989-Q3"),
        // a participle with its agent ("untouched by") modifies a noun and is no tense cue; "will" decides
        DateCase("Qantas will double its flights by August in the search for markets untouched by the crisis.", "August", "2026-08"),
        // cues to the left of the date (the verb it modifies) outweigh cues as near to its right
        DateCase("In March, the company hired a new chief executive.", "March", "2025-03"),
        // "effective <date>": the day a change takes effect, announced before it
        DateCase("The bank created an office of the chairman, effective Feb. 1.", "Feb. 1", "2026-02-01"),
        // US Election Day: the Tuesday after the first Monday in November
        DateCase("Voters went to the polls on Election Day 2024.", "Election Day 2024", "2024-11-05"),
        DateCase("Abortion will be a theme from now to Election Day 1998.", "Election Day 1998", "1998-11-03"),
        // "the week of <day>": the ISO week holding the day
        DateCase("The case may be resolved in a hearing the week of March 6, 2000.", "the week of March 6, 2000", "2000-W10"),
        // two quarters from the start of a year are its first half
        DateCase("Prices will stay high through the first two quarters of 1990.", "the first two quarters of 1990", "1990-H1"),
        // the same/corresponding period a year back: the quarter under discussion, a year earlier
        DateCase("Profit rose in the third quarter. Sales matched the same period last year.", "the same period last year", "2024-Q3"),
        DateCase("Profit rose in the third quarter. It earned $1.8 million in the corresponding period last year.",
                 "the corresponding period last year", "2024-Q3"),
        // a part of a named day is a TIME (TimeML: TEV, TAF)
        DateCase("The envoy arrived Thursday evening.", "Thursday evening", "2025-11-06TEV", .time),
        DateCase("The vote was held on Friday afternoon.", "Friday afternoon", "2025-11-07TAF", .time),
        // each day of "April 24 and 25" is a date of its own
        DateCase("The summit will be held on April 24 and 25.", "April 24", "2026-04-24"),
        DateCase("The summit will be held on April 24 and 25.", "25", "2026-04-25"),
        DateCase("The fair ran on May 3-4, 2024 in Oslo.", "May 3", "2024-05-03"),
        DateCase("The fair ran on May 3-4, 2024 in Oslo.", "4, 2024", "2024-05-04"),
        // pre-/post- with a year
        DateCase("The post-1959 politics split families.", "post-1959", "1959"),
        DateCase("Output is back at pre-1990 levels.", "pre-1990", "1990"),
        // "last <season>" is the previous year's; "this past <season>" this year's
        DateCase("The strike began last spring.", "last spring", "2024-SP"),
        DateCase("The strike began this past spring.", "this past spring", "2025-SP"),
        // a half of a decade is valued by the decade
        DateCase("Sales were flat in the last half of the '80s.", "the last half of the '80s", "198"),
        DateCase("Growth slowed in the first half of the 1990s.", "the first half of the 1990s", "199"),
        // "the day before <date>": one day from the date it names
        DateCase("The day before last Tuesday's hearing, Manuel went to Miami.", "The day before last Tuesday", "2025-11-10"),
        DateCase("He left the day after Christmas Day 2024.", "the day after Christmas Day 2024", "2024-12-26"),
    ]

    @Test(arguments: cases)
    func finds(_ c: DateCase) {
        let found = tag(c.text)
        let m = found.first { $0.text == c.mention }
        #expect(m != nil, "no mention \(c.mention) in \(found.map { "\($0.text)=\($0.value)" })")
        #expect(m?.value == c.value)
        #expect(m?.type == c.type)
    }

    static let nonDates: [String] = [
        "",
        "1234567890",
        "   \n\t  ",
        "Iran may respond to the letter.",
        "Iran May Respond To The Letter",
        "Protesters march through the capital.",
        "Thousands march on the embassy.",
        "The agency counted 2018 troops, or 1,500 percent more.",
        "He paid $2025 for the tickets.",
        "The F16 and the COVID-19 measures.",
        "Version 3.14159 of the 42 rules.",
        "A man said the agreement is a good one.",
        "The current account deficit widened.",
        "The quarter-to-quarter comparison was weak.",
        "Score: 3:2 after extra time.",
        "A 44-year-old protester was arrested.",
        "About three-quarters of the vote and more than a quarter of the seats.",
        "The post office and the pre-war order.",
        "The election day turnout was 24 and 25 percent.",
    ]

    @Test(arguments: nonDates)
    func rejects(_ text: String) {
        let found = tag(text)
        #expect(found.isEmpty, "unexpected \(found.map { "\($0.text)=\($0.value)" })")
    }

    @Test func stageSpansSliceBackToMentionText() throws {
        let text = "Teherán — On November 9, 2025, Araghchi said Thursday that “talks” will resume next month. Last week’s vote was 2018’s echo; now it is 21:48."
        var doc = Document(id: "t", text: text, published: anchor)
        try DateTagger().process(&doc)
        #expect(doc.dates.count >= 6)
        for m in doc.dates {
            #expect(doc.text(m.span) == m.text)
            #expect(m.span.start >= 0 && m.span.end <= text.utf8.count)
        }
        #expect(doc.dates.map(\.value).contains("2025-11-09"))
        #expect(doc.dates.map(\.value).contains("2025-11-06"))
        #expect(doc.dates.map(\.value).contains("2025-12"))
        #expect(doc.dates.map(\.value).contains("2025-W45"))
    }

    @Test func stageUsesSentencesAndTags() throws {
        // two sentences; the tagger's VBD tag decides the weekday in the first, MD "will" in the second
        var doc = tagged([[("They", "PRP"), ("met", "VBD"), ("Thursday", "NNP"), (".", ".")],
                          [("They", "PRP"), ("will", "MD"), ("meet", "VB"), ("Thursday", "NNP"), (".", ".")]])
        #expect(doc.text == "They met Thursday. They will meet Thursday.")
        try DateTagger().process(&doc)
        #expect(doc.dates.map(\.value) == ["2025-11-06", "2025-11-13"])
        #expect(DateTagger().requires.isEmpty)
        #expect(DateTagger().assigns == [.dates])
    }

    @Test func presentVerbOfIntentLooksAhead() throws {
        // "said Monday" is past; "hopes to meet Tuesday" is the coming Tuesday (a present "hopes to" puts it ahead)
        var doc = tagged([[("She", "PRP"), ("said", "VBD"), ("Monday", "NNP"), ("he", "PRP"), ("hopes", "VBZ"), ("to", "TO"),
                           ("meet", "VB"), ("Tuesday", "NNP"), (".", ".")]])
        #expect(doc.text == "She said Monday he hopes to meet Tuesday.")
        try DateTagger().process(&doc)
        #expect(doc.dates.map(\.value) == ["2025-11-10", "2025-11-18"])
    }

    @Test func sentenceSpansOutsideTheTextAreIgnored() throws {
        var doc = Document(id: "t", text: "Talks ended Monday.", published: anchor)
        doc.sentences = [Sentence(span: Span(0, 19), tokens: 0..<0), Sentence(span: Span(15, 400), tokens: 0..<0),
                         Sentence(span: Span(30, 10), tokens: 0..<0)]
        try DateTagger().process(&doc)
        #expect(doc.dates.map(\.value) == ["2025-11-10"])
    }

    @Test func noAnchorLeavesRelativeDatesUnresolved() {
        let found = DateTagger.find(in: "He left yesterday, in March 2020.", anchor: nil)
        #expect(found.map(\.value) == ["XXXX-XX-XX", "2020-03"])
    }

    @Test func rangeLimitsTheSearch() {
        let text = "Monday was calm. Tuesday was not."
        let found = DateTagger.find(in: text, range: Span(17, 33), anchor: anchor)
        #expect(found.map(\.text) == ["Tuesday"])
        #expect(found.first?.span == Span(17, 24))
    }

    @Test func survivesTokenSoup() throws {
        // deterministic pseudo-random soup of date fragments, punctuation and multi-byte characters
        let parts = ["Nov", ".", "9", ",", "2025", "-", "/", ":", "the", "last", "week", "’", "s", "é", "12", "31",
                     "a.m", "p.m.", "Thursday", "ago", "two", "mid", "quarter", "third", "of", "1990s", "'", "90",
                     "every", "fiscal", "year", "May", "march", "\n", " ", "—", "00", "99999999999999", "Q", "4"]
        var seed: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(seed % 12) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                text += parts[Int(seed >> 33) % parts.count]
                if seed & 1 == 0 { text += " " }
            }
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            var doc = Document(id: "f", text: text, published: seed & 4 == 0 ? nil : anchor)
            try DateTagger().process(&doc)
            for m in doc.dates {
                #expect(m.span.start >= 0 && m.span.end <= text.utf8.count && m.span.start < m.span.end)
                #expect(doc.text(m.span) == m.text)
                #expect(!m.value.isEmpty)
            }
        }
    }

    @Test func calendarArithmetic() {
        let d = CivilDay(anchor)
        #expect(d == CivilDay(year: 2025, month: 11, day: 12))
        #expect(d.weekday == 3)
        #expect(d.isoWeek.week == 46)
        #expect(CivilDay(year: 2021, month: 1, day: 3).isoWeekString == "2020-W53")
        #expect(CivilDay(serial: CivilDay(year: 2000, month: 2, day: 29).serial).iso == "2000-02-29")
        #expect(CivilDay(year: 2024, month: 12, day: 30).isoWeekString == "2025-W01")
    }
}

/// A document of hand-tagged sentences, (form, XPOS) per token: words separated by a space, a full stop or comma
/// attached to the word before it, sentences separated by a space; published at the suite's anchor.
private func tagged(_ sentences: [[(String, String)]]) -> Document {
    var text = "", tokens: [Token] = [], spans: [Sentence] = []
    for words in sentences {
        if !text.isEmpty { text += " " }
        let start = text.utf8.count, first = tokens.count
        for (k, (form, xpos)) in words.enumerated() {
            if k > 0 && form != "." && form != "," { text += " " }
            let s = text.utf8.count
            text += form
            tokens.append(Token(span: Span(s, text.utf8.count), form: form, xpos: xpos))
        }
        spans.append(Sentence(span: Span(start, text.utf8.count), tokens: first..<tokens.count))
    }
    var doc = Document(id: "t", text: text, published: anchor)
    doc.sentences = spans
    doc.tokens = tokens
    return doc
}
