import ParleyModel
import Testing
@testable import ParleyText

/// One expected quote: its content text, speaker mention, resolved name and kind.
struct ExpectedQuote: Sendable {
    var content: String
    var speaker: String?
    var speakerText: String?
    var direct: Bool = true
}

struct QuoteCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var expect: [ExpectedQuote]
    var testDescription: String { name }
}

private func quotes(_ text: String) -> (Document, [Quote]) {
    var doc = Document(id: "t", text: text)
    try? QuoteFinder().process(&doc)
    return (doc, doc.quotes)
}

let quoteCases: [QuoteCase] = [
    QuoteCase(name: "cue after, inverted", text: "“We will not negotiate,” said Abbas Araghchi.",
              expect: [.init(content: "We will not negotiate,", speaker: "Abbas Araghchi", speakerText: "Abbas Araghchi")]),
    QuoteCase(name: "cue after, organisation first", text: "\"The talks are over,\" the State Department said on Monday.",
              expect: [.init(content: "The talks are over,", speaker: "the State Department", speakerText: "State Department")]),
    QuoteCase(name: "cue first with colon, title and name",
              text: "Iranian Foreign Minister Abbas Araghchi said: “There is no possibility of talks.”",
              expect: [.init(content: "There is no possibility of talks.", speaker: "Iranian Foreign Minister Abbas Araghchi",
                             speakerText: "Abbas Araghchi")]),
    QuoteCase(name: "split by the cue, pronoun resolved",
              text: "Abbas Araghchi spoke in Tehran on Tuesday. “We will not,” he said, “negotiate under pressure.”",
              expect: [.init(content: "We will not,", speaker: "he", speakerText: "Abbas Araghchi"),
                       .init(content: "negotiate under pressure.", speaker: "he", speakerText: "Abbas Araghchi")]),
    QuoteCase(name: "pronoun across sentences",
              text: "Foreign Minister Abbas Araghchi met reporters in Tehran. “Washington must change course,” he said.",
              expect: [.init(content: "Washington must change course,", speaker: "he", speakerText: "Abbas Araghchi")]),
    QuoteCase(name: "surname resolves to the full name",
              text: "Abbas Araghchi arrived in Muscat. Later, Araghchi said: \"We are ready.\"",
              expect: [.init(content: "We are ready.", speaker: "Araghchi", speakerText: "Abbas Araghchi")]),
    QuoteCase(name: "according to, direct",
              text: "According to Iran’s foreign ministry, “the door to diplomacy remains open.”",
              expect: [.init(content: "the door to diplomacy remains open.", speaker: "Iran’s foreign ministry")]),
    QuoteCase(name: "according to, indirect",
              text: "According to the State Department, the meeting was cancelled.",
              expect: [.init(content: "the meeting was cancelled", speaker: "the State Department", direct: false)]),
    QuoteCase(name: "indirect: said that",
              text: "Araghchi said that Iran would not negotiate with the United States.",
              expect: [.init(content: "Iran would not negotiate with the United States", speaker: "Araghchi", direct: false)]),
    QuoteCase(name: "indirect: told reporters that",
              text: "The ministry told reporters that the talks had failed.",
              expect: [.init(content: "the talks had failed", speaker: "The ministry", direct: false)]),
    QuoteCase(name: "indirect: hearer, then a clause without that",
              text: "The State Department told VOA it was aware of the reports.",
              expect: [.init(content: "it was aware of the reports", speaker: "The State Department", direct: false)]),
    QuoteCase(name: "indirect: pronoun hearer, then a clause",
              text: "Araghchi told them the talks would resume.",
              expect: [.init(content: "the talks would resume", speaker: "Araghchi", direct: false)]),
    QuoteCase(name: "indirect: warned without that",
              text: "Araghchi warned Washington would pay a price for new sanctions.",
              expect: [.init(content: "Washington would pay a price for new sanctions", speaker: "Araghchi", direct: false)]),
    QuoteCase(name: "indirect: cue last",
              text: "The talks have collapsed, officials said.",
              expect: [.init(content: "The talks have collapsed", speaker: "officials", direct: false)]),
    QuoteCase(name: "apostrophes inside the quote",
              text: "“Iran’s position hasn’t changed,” Araghchi said.",
              expect: [.init(content: "Iran’s position hasn’t changed,", speaker: "Araghchi")]),
    QuoteCase(name: "scare quotes have no speaker",
              text: "The so-called \"maximum pressure\" campaign continues.",
              expect: [.init(content: "maximum pressure", speaker: nil)]),
    QuoteCase(name: "closing mark used as opening mark",
              text: "Araghchi’s reasoning centers on what he perceives as a lack of ”positive or constructive attitude” from Washington.",
              expect: [.init(content: "positive or constructive attitude", speaker: nil)]),
    QuoteCase(name: "nested single quotes stay inside",
              text: "“He told me, ‘We will never surrender,’ and I believed him,” said Ali Vaez.",
              expect: [.init(content: "He told me, ‘We will never surrender,’ and I believed him,", speaker: "Ali Vaez")]),
    QuoteCase(name: "single straight quotes in a headline", text: "Reid: 'Never underestimate Trump.'",
              expect: [.init(content: "Never underestimate Trump.", speaker: "Reid")]),
    QuoteCase(name: "doubled apostrophes as marks", text: "''I love Oreos,'' he said.",
              expect: [.init(content: "I love Oreos,", speaker: "he")]),
    QuoteCase(name: "multi-paragraph quotation",
              text: "Araghchi said: “The first paragraph of the statement.\n“The second paragraph of it.”",
              expect: [.init(content: "The first paragraph of the statement.", speaker: "Araghchi"),
                       .init(content: "The second paragraph of it.", speaker: "Araghchi")]),
    QuoteCase(name: "quote continues after the attributing sentence",
              text: "“We are ready,” Araghchi said on state television. “But not under threats.”",
              expect: [.init(content: "We are ready,", speaker: "Araghchi"),
                       .init(content: "But not under threats.", speaker: "Araghchi")]),
    QuoteCase(name: "apposition between name and cue",
              text: "“Talks are possible,” Ali Vaez, an analyst at the Crisis Group, told reporters.",
              expect: [.init(content: "Talks are possible,", speaker: "Ali Vaez")]),
    QuoteCase(name: "participle shares the subject",
              text: "Araghchi spoke on Monday, adding: “Nothing has changed.”",
              expect: [.init(content: "Nothing has changed.", speaker: "Araghchi")]),
    QuoteCase(name: "quote opening mid-clause is part of the reported clause",
              text: "The documents were placed in a “burn bag,” the Times reported.",
              expect: [.init(content: "burn bag,", speaker: nil)]),
    QuoteCase(name: "mixed quotation after said-that runs to the end of the clause",
              text: "Foreign Minister Abbas Araghchi unequivocally stated that “there is no possibility” of negotiations with the United States.",
              expect: [.init(content: "there is no possibility” of negotiations with the United States",
                             speaker: "Foreign Minister Abbas Araghchi", speakerText: "Abbas Araghchi")]),
    QuoteCase(name: "according to a source phrase with a participle",
              text: "According to a poll conducted by the Center for Strategic and International Studies, only 18% of Americans favour talks.",
              expect: [.init(content: "only 18% of Americans favour talks", speaker: "a poll", direct: false)]),
    QuoteCase(name: "place names after the are not antecedents",
              text: "Abbas Araghchi spoke about the United States. “We are patient,” he said.",
              expect: [.init(content: "We are patient,", speaker: "he", speakerText: "Abbas Araghchi")]),
    QuoteCase(name: "dash attribution closing the line",
              text: "“Diplomacy is the only way forward.” — Abbas Araghchi\n“Sanctions must end.” ― Iran’s foreign ministry",
              expect: [.init(content: "Diplomacy is the only way forward.", speaker: "Abbas Araghchi"),
                       .init(content: "Sanctions must end.", speaker: "Iran’s foreign ministry")]),
    QuoteCase(name: "pronoun takes the person named most recently, by surname",
              text: "“Peace is on our agenda,” Foreign Minister Melanie Joly said. Secretary of State Marco Rubio arrived on Tuesday. "
                  + "Rubio has underscored the need for monitors. He told reporters on Wednesday that “monitors must be trusted by both sides.”",
              expect: [.init(content: "Peace is on our agenda,", speaker: "Foreign Minister Melanie Joly", speakerText: "Melanie Joly"),
                       .init(content: "monitors must be trusted by both sides.", speaker: "He", speakerText: "Marco Rubio")]),
    QuoteCase(name: "a person named inside a quotation is not the antecedent of the pronoun after it",
              text: "North Korean leader Kim Jong Un spoke. “Trump wants a summit,” Scott Snyder said. "
                  + "“It is in the interest of both Trump and Kim Jong Un to ensure that any meetings bring results,” he added.",
              expect: [.init(content: "It is in the interest of both Trump and Kim Jong Un to ensure that any meetings bring results,",
                             speaker: "he", speakerText: "Scott Snyder")]),
    QuoteCase(name: "a place is not a person a pronoun can refer to",
              text: "President Donald Trump threatened to use force against North Korea. He said, “We have the most powerful military.”",
              expect: [.init(content: "We have the most powerful military.", speaker: "He", speakerText: "Donald Trump")]),
    QuoteCase(name: "unterminated quote at the end of the text", text: "He said: “We will",
              expect: [.init(content: "We will", speaker: "He")]),
]

@Test(arguments: quoteCases)
func quoteCase(_ c: QuoteCase) {
    let (doc, found) = quotes(c.text)
    for e in c.expect {
        let match = found.first { doc.text($0.content) == e.content && $0.direct == e.direct }
        #expect(match != nil, "no \(e.direct ? "direct" : "indirect") quote “\(e.content)” in \(found.map { doc.text($0.content) })")
        guard let q = match else { continue }
        #expect(q.speaker.map { doc.text($0) } == e.speaker, "speaker of “\(e.content)”")
        if let t = e.speakerText { #expect(q.speakerText == t, "speakerText of “\(e.content)”") }
        if e.speaker == nil { #expect(q.cue == nil) }
    }
}

@Test func splitQuoteSharesCueAndSpeaker() {
    let (_, found) = quotes("“We will not,” he said, “negotiate.”")
    let direct = found.filter(\.direct)
    #expect(direct.count == 2)
    if direct.count == 2 {
        #expect(direct[0].cue == direct[1].cue)
        #expect(direct[0].speaker == direct[1].speaker)
    }
}

@Test func pronounAntecedentSpan() {
    let text = "Abbas Araghchi met the press. “No talks,” he said."
    let (doc, found) = quotes(text)
    let q = found.first { $0.direct }
    #expect(q?.speakerAntecedent.map { doc.text($0) } == "Abbas Araghchi")
    #expect(q?.speaker.map { doc.text($0) } == "he")
}

@Test func parseSubjectIsPreferred() {
    // "Critics of the plan said: …": the byte rules stop at "the plan"; the parse names "Critics" with its "of"
    // phrase, the whole noun phrase.
    let doc = parsedDocument("Critics of the plan said: \"It fails.\"",
                             [("Critics", 4, "nsubj"), ("of", 3, "case"), ("the", 3, "det"), ("plan", 0, "nmod"),
                              ("said", -1, "root"), (":", 4, "punct")])
    let q = QuoteFinder.find(in: doc).first { $0.direct }
    #expect(q.flatMap { $0.speaker }.map { doc.text($0) } == "Critics of the plan")
}

/// The speaker is the subject's whole noun phrase when it is one stretch of modifiers, names and "of" phrases; a
/// time or place attached to it is not part of it.
@Test(arguments: [
    ("U.S. Secretary of State Marco Rubio has said he hopes for a ceasefire.",
     [("U.S.", 1, "compound"), ("Secretary", 7, "nsubj"), ("of", 3, "case"), ("State", 1, "nmod"), ("Marco", 1, "appos"),
      ("Rubio", 4, "flat"), ("has", 7, "aux"), ("said", -1, "root"), ("he", 9, "nsubj"), ("hopes", 7, "ccomp"),
      ("for", 12, "case"), ("a", 12, "det"), ("ceasefire", 9, "obl"), (".", 7, "punct")],
     "U.S. Secretary of State Marco Rubio"),
    ("Olaf Scholz on Wednesday said the talks failed.",
     [("Olaf", 4, "nsubj"), ("Scholz", 0, "flat"), ("on", 3, "case"), ("Wednesday", 0, "nmod"), ("said", -1, "root"),
      ("the", 6, "det"), ("talks", 7, "nsubj"), ("failed", 4, "ccomp"), (".", 4, "punct")],
     "Olaf Scholz"),
])
func speakerIsTheWholeNounPhrase(_ text: String, _ words: [(String, Int, String)], _ expected: String) {
    let doc = parsedDocument(text, words)
    let q = QuoteFinder.find(in: doc).first
    #expect(q.flatMap { $0.speaker }.map { doc.text($0) } == expected)
}

/// A document with hand-given tokens: (form, 0-based head or -1 for the root, relation), found left to right.
private func parsedDocument(_ text: String, _ words: [(String, Int, String)]) -> Document {
    var doc = Document(id: "p", text: text)
    var offset = 0
    for (form, head, dep) in words {
        let r = text.utf8.indices(of: form, from: offset)
        doc.tokens.append(Token(span: Span(r.0, r.1), form: form, head: head, dep: dep))
        offset = r.1
    }
    return doc
}

extension String.UTF8View {
    /// Byte offsets of the first occurrence of `word` at or after `from`.
    fileprivate func indices(of word: String, from: Int) -> (Int, Int) {
        let hay = Array(self), needle = Array(word.utf8)
        var i = from
        while i + needle.count <= hay.count {
            if Array(hay[i..<(i + needle.count)]) == needle { return (i, i + needle.count) }
            i += 1
        }
        return (0, 0)
    }
}

@Test func usesDocumentSentences() {
    var doc = Document(id: "s", text: "He arrived. “Fine,” Araghchi said.")
    doc.sentences = [Sentence(span: Span(0, 11), tokens: 0..<0), Sentence(span: Span(12, doc.text.utf8.count), tokens: 0..<0)]
    let q = QuoteFinder.find(in: doc).first { $0.direct }
    #expect(q.flatMap { $0.speaker }.map { doc.text($0) } == "Araghchi")
}

/// A sentence that begins with its opening quotation mark ends the reported clause before it: "X warned that
/// CLAUSE." stops at its full stop, and the next sentence's "“…,” the mission said" keeps its own speaker.
@Test func documentSentenceOpeningWithAQuoteMark() {
    let first = "The United States warned that it will keep pressure on Iran."
    var doc = Document(id: "s", text: first + " “As reported by the agency, Tehran keeps enriching,” the US mission said.")
    let split = first.utf8.count + 1
    doc.sentences = [Sentence(span: Span(0, first.utf8.count), tokens: 0..<0), Sentence(span: Span(split, doc.text.utf8.count), tokens: 0..<0)]
    let qs = QuoteFinder.find(in: doc)
    let indirect = qs.first { !$0.direct }
    #expect(indirect.map { doc.text($0.content) } == "it will keep pressure on Iran")
    let direct = qs.first { $0.direct }
    #expect(direct.flatMap { $0.speaker }.map { doc.text($0) } == "the US mission")
}

@Test func stageContract() throws {
    let stage = QuoteFinder()
    #expect(stage.name == "quotes")
    #expect(stage.requires.isEmpty)
    #expect(stage.assigns == [.quotes])
    _ = try Pipeline([stage])
}

let hostileInputs: [String] = [
    "", " ", "\"", "“", "”", "''", "'''", "\"\"\"\"\"", "“”“”", "”“", "said", "said said said", "according to",
    "according to ,", "“", "He said: “", "“unterminated\n\n“still open", "\n\n\n", "'s 's 's", "’’’’’", "‘‘‘",
    "said, “”", "”positive” said”", "😀 “😀,” said 😀.", "« Bonjour », a-t-il dit.", "Mr. Mr. Mr. said “x”",
    String(repeating: "“a,” he said, ", count: 500), String(repeating: "\"", count: 1001),
    String(repeating: "according to ", count: 300), String(decoding: [0xE2, 0x80, 0x22, 0xE2, 0x80, 0x9C, 0xC2, 0xFF, 0x27], as: UTF8.self),
    "(((((“x)))))”", ": : : “ ” : :", "X:\n“", "— “—” —",
]

@Test(arguments: hostileInputs)
func hostileInputDoesNotCrash(_ text: String) {
    let (doc, found) = quotes(text)
    let n = doc.text.utf8.count
    for q in found {
        #expect(q.content.start >= 0 && q.content.start <= q.content.end && q.content.end <= n)
        for s in [q.cue, q.speaker, q.speakerAntecedent].compactMap({ $0 }) {
            #expect(s.start >= 0 && s.start <= s.end && s.end <= n)
        }
    }
}
