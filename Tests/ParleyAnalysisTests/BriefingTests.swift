import Foundation
import ParleyModel
import ParleyStore
import Testing
@testable import ParleyAnalysis

/// Builds small stores by hand: documents, and what a coder would have found in them.
struct Fixture {
    let store: SQLiteStore
    init() throws { store = try SQLiteStore.inMemory() }

    static func span(_ text: String, _ needle: String, after: Int = 0) -> Span {
        let bytes = Array(text.utf8), n = Array(needle.utf8)
        for i in after...(bytes.count - n.count) where Array(bytes[i..<(i + n.count)]) == n { return Span(i, i + n.count) }
        fatalError("'\(needle)' not in text")
    }

    /// Stores a document; `actors` are (phrase, code, person) to mark wherever the phrase occurs;
    /// `events` are (sentence substring, source, target, cameo, quad, goldstein, date).
    func add(id: String, outlet: String, published: String, text: String,
             actors: [(String, String, String?)] = [],
             events: [(String, String, String, String, Int, Double, String?)] = [],
             quotes: [(content: String, speaker: String, actor: String, direct: Bool)] = [],
             modalities: [Modality] = []) async throws {
        let pub = Timestamp.parse(published)!
        let doc = StoredDocument(id: id, outlet: outlet, title: text.split(separator: "\n").first.map(String.init), published: pub,
                                 ingested: pub.addingTimeInterval(60), text: text, contentHash: ContentHash.of(text))
        var mentions: [ActorMention] = []
        for (phrase, code, person) in actors {
            var from = 0
            while let s = Self.spanOrNil(text, phrase, after: from) {
                mentions.append(ActorMention(span: s, text: phrase, code: code, country: String(code.prefix(3)), sector: nil, person: person))
                from = s.end
            }
        }
        let storedEvents = events.enumerated().map { i, ev -> StoredEvent in
            let (sentence, s, t, cameo, quad, g, date) = ev
            let sp = Self.span(text, sentence)
            let modality = i < modalities.count ? modalities[i] : .asserted
            // A denied act is negated, as the coder marks it ("denied attacking").
            let e = Event(sentence: 0, source: EventActor(code: s, text: s, span: nil), target: EventActor(code: t, text: t, span: nil),
                          cameo: cameo, goldstein: g, quad: quad, negated: modality == .denied, modality: modality,
                          date: date ?? Timestamp.day(pub))
            return StoredEvent(event: e, origin: .coded, documentID: id, sentenceSpan: sp, sentenceText: sentence, published: pub,
                               ingested: pub, eventDay: TimexValue.start(date ?? Timestamp.day(pub)))
        }
        let storedQuotes = quotes.enumerated().map { i, q -> StoredQuote in
            let c = Self.span(text, q.content)
            let person = actors.first { $0.0 == q.speaker }?.2
            // An empty speaker: a quotation nobody is named for.
            let quote = q.speaker.isEmpty
                ? Quote(content: c, cue: nil, speaker: nil, speakerText: nil, speakerActor: nil, direct: q.direct)
                : Quote(content: c, cue: nil, speaker: Self.span(text, q.speaker), speakerText: person ?? q.speaker, speakerActor: q.actor, direct: q.direct)
            return StoredQuote(documentID: id, index: i, quote: quote, content: q.content, cue: nil, sentence: nil, sentenceText: nil,
                               published: pub, ingested: pub)
        }
        _ = try await store.insert([(doc, DocumentCoding(documentID: id, events: storedEvents, quotes: storedQuotes, mentions: mentions))])
        // Quotes need their sentence index: the briefing reads sentences itself, so fill it as the coder does.
        if !storedQuotes.isEmpty {
            var d = Document(id: id, text: text, published: pub)
            try ParleyText.Tokenizer().process(&d)
            let fixed = storedQuotes.map { q -> StoredQuote in
                var q = q
                q.sentence = d.sentenceIndex(containing: q.quote.content.start)
                return q
            }
            try await store.replaceCoding(DocumentCoding(documentID: id, events: storedEvents, quotes: fixed, mentions: mentions))
        }
    }

    static func spanOrNil(_ text: String, _ needle: String, after: Int) -> Span? {
        let bytes = Array(text.utf8), n = Array(needle.utf8)
        guard bytes.count >= n.count, after <= bytes.count - n.count else { return nil }
        for i in after...(bytes.count - n.count) where Array(bytes[i..<(i + n.count)]) == n { return Span(i, i + n.count) }
        return nil
    }
}

import ParleyText

let seedText = """
    Iran rejects talks
    As of November 12, 2025, Iran-US relations remain in stalemate. On November 9, 2025, Foreign Minister Abbas Araghchi stated that “there is no possibility” of negotiations with the United States. The declaration was reported by the Tehran Times and other outlets. He said any future talks must be grounded in equality and shared interests. A poll conducted by the Center for Strategic and International Studies in October 2025 found only 18% of Americans believe negotiations with Iran would be productive. The 2018 withdrawal by the United States brought back sanctions on Iran. Disputes over Yemen and Syria and a deep lack of trust remain obstacles. France and Germany urged Iran to return to talks.
    """

func seedFixture() async throws -> Fixture {
    let f = try Fixture()
    try await f.add(
        id: "seed", outlet: "example.org", published: "2025-11-12T21:48:07Z", text: seedText,
        actors: [("Iran", "IRN", nil), ("United States", "USA", nil), ("Foreign Minister Abbas Araghchi", "IRNGOV", "Abbas Araghchi"),
                 ("Americans", "USA", nil), ("France", "FRA", nil), ("Germany", "DEU", nil)],
        events: [
            ("On November 9, 2025, Foreign Minister Abbas Araghchi stated that “there is no possibility” of negotiations with the United States.", "IRNGOV", "USA", "125", 3, -5, "2025-11-09"),
            ("The 2018 withdrawal by the United States brought back sanctions on Iran.", "USA", "IRN", "163", 4, -8, "2018"),
            ("France and Germany urged Iran to return to talks.", "FRA", "IRN", "020", 1, 3, nil),
        ],
        quotes: [(content: "there is no possibility", speaker: "Foreign Minister Abbas Araghchi", actor: "IRNGOV", direct: true)])
    return f
}

@Suite struct BriefingTests {
    @Test func seedBriefingHasEverySection() async throws {
        let f = try await seedFixture()
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-11-12T21:48:07Z")!)
        #expect(b.documents == 1)
        #expect(b.state.regime == "stalemate")
        let s = try #require(b.statements.first)
        #expect(s.speaker == "Abbas Araghchi" && s.actor == "IRNGOV" && s.date == "2025-11-09")
        #expect(s.stance == "rejecting" && s.reportedBy == "the Tehran Times" && s.quote == "there is no possibility")
        #expect(b.conditions.contains { $0.text.contains("grounded in equality") && $0.setBy == "Abbas Araghchi" })
        let claim = try #require(b.claims.first { $0.value == 18 })
        #expect(claim.unit == "percent" && claim.date == "2025-10" && claim.assertedBy?.contains("Center for Strategic") == true)
        #expect(b.timeline.map(\.date).starts(with: ["2018"]))
        #expect(b.timeline.contains { $0.date == "2025-11-09" })
        let topics = Set(b.obstacles.map(\.topic))
        #expect(topics.isSuperset(of: ["sanctions", "trust deficit", "regional and proxy conflicts"]))
        #expect(b.obstacles.first { $0.topic == "regional and proxy conflicts" }?.details.contains("yemen") == true)
        #expect(b.thirdParties.contains { $0.actor == "FRA" && $0.events == 1 && $0.towardA == 1 })
        #expect(b.prospects.value < 0)
        #expect(b.prospects.movers.contains { $0.what.contains("125") })
        // Every cited number resolves to a source.
        let all = b.state.cites + b.statements.flatMap(\.cites) + b.conditions.flatMap(\.cites) + b.claims.flatMap(\.cites)
            + b.timeline.flatMap(\.cites) + b.obstacles.flatMap(\.cites) + b.thirdParties.flatMap(\.cites)
        #expect(all.allSatisfy { $0 >= 1 && $0 <= b.sources.count })
    }

    /// A story on another relationship that names one side once in passing lends the dyad no obstacles, even in its
    /// sentences on the other side; a story on the dyad does.
    @Test func obstaclesComeFromStoriesOnTheDyad() async throws {
        let f = try await seedFixture()
        try await f.add(
            id: "turkey", outlet: "example.org", published: "2025-11-10T10:00:00Z",
            text: "Ankara defies Washington\nTurkey bought Russian missiles. \"Russia has missiles, so do Iraq, Iran, Syria.\" The United States will rely on Congress to restrict the purchase. Lawmakers in Washington cited domestic pressure.",
            actors: [("Turkey", "TUR", nil), ("Iran", "IRN", nil), ("The United States", "USA", nil), ("Washington", "USA", nil)],
            events: [], quotes: [])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-11-12T21:48:07Z")!)
        #expect(b.documents == 2)
        #expect(!b.obstacles.contains { $0.topic == "domestic politics" })
        #expect(b.obstacles.contains { $0.topic == "regional and proxy conflicts" })
    }

    /// A sentence with two past dates is one account: one timeline item, under its first date.
    @Test func aSentenceIsOneTimelineItem() async throws {
        let f = try await seedFixture()
        try await f.add(
            id: "aid", outlet: "example.org", published: "2025-03-10T10:00:00Z",
            text: "Aid halted\nThe United States announced last week that it would cease aid to Iran, following a clash with Iran on Feb. 28.",
            actors: [("The United States", "USA", nil), ("Iran", "IRN", nil)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-11-12T21:48:07Z")!)
        let items = b.timeline.filter { $0.what.contains("cease aid") }
        #expect(items.count == 1, "\(b.timeline.map(\.date))")
        #expect(items.first?.date == "2025-W10")
    }

    @Test func nothingPublishedAfterAsOfIsUsed() async throws {
        let f = try await seedFixture()
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-11-12T21:48:06Z")!)
        #expect(b.documents == 0 && b.events == 0 && b.statements.isEmpty && b.claims.isEmpty && b.timeline.isEmpty && b.sources.isEmpty)
        let known = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-11-13")!,
                                                                    knownAt: Timestamp.parse("2025-11-12T21:48:08Z")!)
        #expect(known.documents == 0, "ingested a minute after publication: not yet known")
    }

    /// A document that mentions both sides also tells of other relationships: a sentence naming one side with a third
    /// country is about that relationship, and a condition nobody on either side sets is not the dyad's.
    @Test func otherRelationshipsStayOutOfTheDyadsTimelineAndConditions() async throws {
        let f = try Fixture()
        let text = "Iran and the United States traded warnings\n"
            + "Iran and the United States traded warnings on Monday. In 2019, Washington told Ankara that sanctions would follow. "
            + "In 2018 the United States left the nuclear deal with Iran. In 2016 Iran said any talks must be grounded in equality. "
            + "In 2024 Lai said Taiwan is open to dialogue on the basis of mutual respect. In 2017 Iran opened a museum. "
            + "Negotiations with Iran must continue, he said."
        try await f.add(id: "mixed", outlet: "example.org", published: "2025-03-01T12:00:00Z", text: text,
                        actors: [("Iran", "IRN", nil), ("United States", "USA", nil), ("Washington", "USAGOV", nil),
                                 ("Ankara", "TURGOV", nil), ("Lai", "TWNGOV", "Lai Ching-te"), ("Taiwan", "TWN", nil)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-03-02")!)
        #expect(b.timeline.contains { $0.date == "2018" && $0.what.contains("left the nuclear deal") })
        #expect(!b.timeline.contains { $0.what.contains("Ankara") }, "\(b.timeline.map(\.what))")
        #expect(b.conditions.contains { $0.text.contains("grounded in equality") && $0.actor == "IRN" })
        #expect(!b.conditions.contains { $0.text.contains("mutual respect") }, "\(b.conditions.map(\.text))")
        // one side on none of the dyad's topics; a side named only as the object of "with", said by someone else
        #expect(!b.timeline.contains { $0.what.contains("museum") }, "\(b.timeline.map(\.what))")
        #expect(!b.conditions.contains { $0.text.contains("must continue") }, "\(b.conditions.map(\.text))")
    }

    /// A year naming a thing ("the 2015 nuclear deal") does not date a sentence that dates what it tells ("in May
    /// 2019"); alone, it does ("the 2018 withdrawal by the US").
    @Test func yearsNamingThingsDoNotPlaceTheTimeline() async throws {
        let f = try Fixture()
        let text = "Iran and the United States\n"
            + "In May 2019 Iran stopped implementing its commitments to the United States under the 2015 nuclear deal. "
            + "The 2018 withdrawal by the United States hurt Iran."
        try await f.add(id: "years", outlet: "example.org", published: "2025-03-01T12:00:00Z", text: text,
                        actors: [("Iran", "IRN", nil), ("United States", "USA", nil)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-03-02")!)
        #expect(b.timeline.contains { $0.date == "2019-05" && $0.what.contains("stopped implementing") }, "\(b.timeline)")
        #expect(!b.timeline.contains { $0.date == "2015" }, "\(b.timeline)")
        #expect(b.timeline.contains { $0.date == "2018" && $0.what.contains("withdrawal") }, "\(b.timeline)")
    }

    /// "reported by X" inside a quotation names what the speaker cites, not the outlet that reported the statement.
    @Test func reportedByInsideTheQuoteIsNotTheReporter() async throws {
        let f = try Fixture()
        let text = "US warns Iran\nThe State Department said “as reported by the IAEA, Iran keeps enriching uranium” in a note to the United States Congress about Iran."
        try await f.add(id: "rep", outlet: "example.org", published: "2025-03-01T12:00:00Z", text: text,
                        actors: [("Iran", "IRN", nil), ("State Department", "USAGOV", nil), ("United States", "USA", nil)],
                        quotes: [(content: "as reported by the IAEA, Iran keeps enriching uranium", speaker: "State Department", actor: "USAGOV", direct: true)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-03-02")!)
        let s = try #require(b.statements.first)
        #expect(s.actor == "USAGOV" && s.reportedBy == nil, "\(b.statements)")
    }

    /// Nor is a "reported by" inside the next sentence's quotation (the next sentence may name the outlet: "This
    /// declaration, reported by the Tehran Times, ...").
    @Test func reportedByInTheNextSentencesQuoteIsNotTheReporter() async throws {
        let f = try Fixture()
        let text = "US warns Iran\nThe United States warned that it will keep pressure on Iran. “As reported by the IAEA Director General, Tehran keeps enriching uranium,” the US mission said."
        try await f.add(id: "rep2", outlet: "example.org", published: "2025-03-01T12:00:00Z", text: text,
                        actors: [("Iran", "IRN", nil), ("United States", "USA", nil)],
                        quotes: [(content: "it will keep pressure on Iran", speaker: "United States", actor: "USA", direct: false)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-03-02")!)
        let s = try #require(b.statements.first)
        #expect(s.actor == "USA" && s.reportedBy == nil, "\(b.statements)")
        #expect(outsideQuotations("“As reported by X,” he said, \"so\" it goes") == " he said,  it goes")
    }

    /// A quotation with no speaker is taken as the sentence's first dyad person (its subject, not the person it
    /// is addressed to); a speaker outside the dyad keeps the statement theirs.
    @Test func unattributedQuotationsAndThirdPartySpeakers() async throws {
        let f = try Fixture()
        let text = "Senators press Rubio\nSenator Jim Risch sent a letter to Secretary of State Marco Rubio, urging him “to stop the shipments from Iran” at once. After meeting Marco Rubio, British envoy James Kariuki said “Iran must stop enriching uranium.” “We will act,” Rubio said, adding that Iran must “stop now.”"
        try await f.add(id: "unattr", outlet: "example.org", published: "2025-03-01T12:00:00Z", text: text,
                        actors: [("Iran", "IRN", nil), ("Senator Jim Risch", "USALEG", "Jim Risch"),
                                 ("Secretary of State Marco Rubio", "USAGOV", "Marco Rubio"), ("Marco Rubio", "USAGOV", "Marco Rubio"),
                                 ("British envoy James Kariuki", "GBRGOV", "James Kariuki")],
                        quotes: [(content: "to stop the shipments from Iran", speaker: "", actor: "", direct: true),
                                 (content: "Iran must stop enriching uranium.", speaker: "British envoy James Kariuki", actor: "GBRGOV", direct: true),
                                 (content: "We will act,", speaker: "Rubio", actor: "USAGOV", direct: true),
                                 (content: "stop now.", speaker: "", actor: "", direct: true)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-03-02")!)
        // Rubio's fragment beside his quotation is part of that statement, not a second one.
        #expect(b.statements.count == 2 && b.statements.contains { $0.quote == "We will act," }, "\(b.statements)")
        let s = try #require(b.statements.first { $0.actor == "USALEG" })
        #expect(s.actor == "USALEG" && s.speaker == "Jim Risch", "\(b.statements)")
        // The fragment is shown in its sentence.
        #expect(s.quote.hasPrefix("Senator Jim Risch sent a letter") && !s.direct, "\(s.quote)")
    }

    /// The rhetoric reading and a third party's line cite the events they rest on, a party's latest first.
    @Test func citesShowWhatTheReadingRestsOn() async throws {
        let f = try Fixture()
        let old = "China talks\nChina denounced the United States over trade in a long statement."
        try await f.add(id: "old", outlet: "example.org", published: "2024-01-10T12:00:00Z", text: old,
                        actors: [("China", "CHN", nil), ("United States", "USA", nil)],
                        events: [("China denounced the United States over trade in a long statement.", "CHN", "USA", "111", 3, -2, nil)])
        let text = "Talks\nThe United States praised Iran for its restraint. The United States seized an Iranian tanker. The United States struck an Iranian base. China welcomed the United States plan for talks. China hosted United States envoys in Beijing."
        try await f.add(id: "new", outlet: "example.org", published: "2025-03-01T12:00:00Z", text: text,
                        actors: [("Iran", "IRN", nil), ("Iranian", "IRN", nil), ("United States", "USA", nil), ("China", "CHN", nil)],
                        events: [("The United States praised Iran for its restraint.", "USA", "IRN", "051", 1, 3.4, nil),
                                 ("The United States seized an Iranian tanker.", "USA", "IRN", "171", 4, -9.2, nil),
                                 ("The United States struck an Iranian base.", "USA", "IRN", "195", 4, -10, nil),
                                 ("China welcomed the United States plan for talks.", "CHN", "USA", "051", 1, 3.4, nil),
                                 ("China hosted United States envoys in Beijing.", "CHN", "USA", "042", 1, 1.9, nil)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-03-02")!)
        let usa = try #require(b.rhetoric.first { $0.side.hasPrefix("United States") })
        #expect(usa.reading.hasPrefix("acts outweigh words"), "\(usa)")
        #expect(usa.cites.prefix(2).map { b.sources[$0 - 1].sentence }.allSatisfy { $0.contains("seized") || $0.contains("struck") },
                "\(usa.cites.map { b.sources[$0 - 1].sentence })")
        let china = try #require(b.thirdParties.first { $0.actor == "CHN" })
        #expect(china.how == "mostly verbal cooperation")
        #expect(china.cites.map { b.sources[$0 - 1].sentence }.allSatisfy { !$0.contains("denounced") },
                "\(china.cites.map { b.sources[$0 - 1].sentence })")
    }

    /// Third parties: one acting toward both sides first, then the most mentioned in the documents on the dyad; a
    /// side's many events with another partner, or mentions in a story that names the other side once, do not lead.
    @Test func thirdPartiesOfTheRelationshipLead() async throws {
        let f = try Fixture()
        try await f.add(id: "dyad", outlet: "example.org", published: "2025-03-01T12:00:00Z",
                        text: "Talks\nIran and the United States met in Oman. Oman hosted them. Oman said talks went well. China backed Iran. China warned the United States.",
                        actors: [("Iran", "IRN", nil), ("United States", "USA", nil), ("Oman", "OMN", nil), ("China", "CHN", nil)],
                        events: [("China backed Iran.", "CHN", "IRN", "051", 1, 3.4, nil), ("China warned the United States.", "CHN", "USA", "130", 3, -4.4, nil)])
        try await f.add(id: "korea", outlet: "example.org", published: "2025-03-01T12:00:00Z",
                        text: "Korea\nThe United States met North Korea. North Korea praised the United States. North Korea hosted the United States. North Korea, like Iran, has missiles.",
                        actors: [("Iran", "IRN", nil), ("United States", "USA", nil), ("North Korea", "PRK", nil)],
                        events: [("The United States met North Korea.", "USA", "PRK", "040", 1, 1, nil),
                                 ("North Korea praised the United States.", "PRK", "USA", "051", 1, 3.4, nil),
                                 ("North Korea hosted the United States.", "PRK", "USA", "042", 1, 1.9, nil)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-03-02")!)
        #expect(b.thirdParties.map(\.actor).prefix(3) == ["CHN", "OMN", "PRK"], "\(b.thirdParties.map(\.actor))")
        #expect(b.thirdParties.first { $0.actor == "PRK" }?.mentions == 0, "\(b.thirdParties)")
        #expect(b.thirdParties.first { $0.actor == "OMN" }?.mentions == 3, "\(b.thirdParties)")
    }

    /// Cooperation that outnumbers conflict is read as cooperation, not as "conflict in words only".
    @Test func cooperationOutnumberingConflictReadsCooperative() async throws {
        let f = try Fixture()
        let text = "Aid\nThe United States praised Ukraine. The United States hosted Ukraine for talks. The United States signed a deal with Ukraine. The United States criticized Ukraine."
        try await f.add(id: "u", outlet: "example.org", published: "2025-03-01T12:00:00Z", text: text,
                        actors: [("Ukraine", "UKR", nil), ("United States", "USA", nil)],
                        events: [("The United States praised Ukraine.", "USA", "UKR", "051", 1, 3.4, nil),
                                 ("The United States hosted Ukraine for talks.", "USA", "UKR", "043", 1, 2.8, nil),
                                 ("The United States signed a deal with Ukraine.", "USA", "UKR", "057", 1, 8, nil),
                                 ("The United States criticized Ukraine.", "USA", "UKR", "111", 3, -2, nil)])
        let b = try await BriefingBuilder(store: f.store).brief("UKR", "USA", asOf: Timestamp.parse("2025-03-02")!)
        let usa = try #require(b.rhetoric.first { $0.side.hasPrefix("United States") })
        #expect(usa.reading.hasPrefix("mostly cooperative"), "\(usa)")
    }

    @Test func markdownAndJSONCarryTheSameContent() async throws {
        let f = try await seedFixture()
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-11-13")!)
        let md = BriefingRenderer.markdown(b)
        let json = try BriefingRenderer.json(b)
        for s in b.sources { #expect(md.contains(s.sentence)) }
        let decoded = try JSONDecoder().decode(Briefing.self, from: Data(json.utf8))
        #expect(decoded.sources == b.sources && decoded.statements.count == b.statements.count && decoded.state.regime == b.state.regime)
        #expect(md.contains("[1]") && md.contains("## Sources"))
        let html = BriefingRenderer.html(b)
        #expect(html.contains("href=\"#src-1\"") && !html.contains("<script"))
    }

    @Test func storedTextIsEscapedInHTML() async throws {
        let f = try Fixture()
        try await f.add(id: "x", outlet: "o", published: "2025-01-01T00:00:00Z",
                        text: "Talks\nIran and the United States <script>alert(1)</script> held talks in 2019.",
                        actors: [("Iran", "IRN", nil), ("United States", "USA", nil)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-02-01")!)
        let html = BriefingRenderer.html(b)
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.contains("&lt;script&gt;"))
    }
}

@Suite struct RegimeAndSeriesTests {
    func store(_ events: [(String, String, String, Int, Double, String)], modalities: [Modality] = []) async throws -> Fixture {
        let f = try Fixture()
        var text = "Iran and the United States.\n"
        for (i, _) in events.enumerated() { text += "Sentence number \(i) about Iran and the United States.\n" }
        try await f.add(id: "d", outlet: "o", published: "2025-06-30T00:00:00Z", text: text,
                        actors: [("Iran", "IRN", nil), ("United States", "USA", nil)],
                        events: events.enumerated().map { i, e in ("Sentence number \(i) about Iran and the United States.", e.0, e.1, e.2, e.3, e.4, e.5) },
                        modalities: modalities)
        return f
    }

    /// Supposed talks are no talks, and a denied attack no force: neither moves the prospects.
    @Test func prospectsCountOnlyWhatHappened() async throws {
        let f = try await store([("USA", "IRN", "046", 1, 7, "2025-06-20"), ("IRN", "USA", "190", 4, -10, "2025-06-21"),
                                 ("IRN", "USA", "125", 3, -5, "2025-06-25")],
                                modalities: [.hypothetical, .denied, .asserted])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-07-01")!)
        #expect(b.prospects.movers.map(\.what).allSatisfy { $0.contains("125") }, "\(b.prospects.movers)")
        #expect(b.prospects.value < 0)
    }

    /// A denied attack is no material conflict in the figures: not in the recent window, a side's rhetoric, nor the
    /// series; the store's daily table agrees.
    @Test func negatedEventsAreNotCounted() async throws {
        let f = try await store([("USA", "IRN", "190", 4, -10, "2025-06-20"), ("IRN", "USA", "111", 3, -2, "2025-06-21"),
                                 ("USA", "IRN", "040", 1, 1, "2025-06-22")],
                                modalities: [.denied, .asserted, .asserted])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-07-01")!)
        #expect(b.state.recent.events == 2 && b.state.recent.quad == [0, 1, 0, 1, 0], "\(b.state.recent)")
        let usa = try #require(b.rhetoric.first { $0.side.hasPrefix("United States") })
        #expect(usa.materialConflict == 0 && usa.verbalCooperation == 1, "\(usa)")
        let digests = try await f.store.eventDigests(EventQuery(dyad: "IRN", "USA"))
        #expect(digests.count == 3)
        let series = DyadSeries(a: "IRN", b: "USA", granularity: .month, digests: digests)
        #expect(series.points.map(\.all.quad) == [[0, 1, 0, 1, 0]])
        #expect(try f.store.dyadDays("IRN", "USA").map(\.quad) == [3, 1])
    }

    /// What is only supposed ("negotiations would be productive") is no event of the state windows or a side's
    /// rhetoric, as it is none of the prospects.
    @Test func supposedEventsAreNotTheState() async throws {
        let f = try await store([("USA", "IRN", "046", 1, 7, "2025-06-20"), ("IRN", "USA", "125", 3, -5, "2025-06-25")],
                                modalities: [.hypothetical, .asserted])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-07-01")!)
        #expect(b.state.recent.events == 1 && b.state.recent.quad[1] == 0, "\(b.state.recent)")
        let usa = try #require(b.rhetoric.first { $0.side.hasPrefix("United States") })
        #expect(usa.reading.hasPrefix("no coded acts"), "\(usa)")
        #expect(b.state.regime == "stalemate")
    }

    /// A broad topic counts as an obstacle of the dyad but does not make a sentence naming one side a timeline item:
    /// tariffs on European wine are no event of China–US.
    @Test func broadTopicsAreObstaclesNotTimeline() async throws {
        let f = try Fixture()
        let text = "Trade\nChina and the United States met in Geneva in 2024. The United States raised tariffs on European wine in 2019. China and the United States disagree over tariffs."
        try await f.add(id: "t", outlet: "example.org", published: "2025-06-28T12:00:00Z", text: text,
                        actors: [("China", "CHN", nil), ("United States", "USA", nil)])
        let b = try await BriefingBuilder(store: f.store).brief("CHN", "USA", asOf: Timestamp.parse("2025-07-01")!)
        #expect(b.obstacles.first?.topic == "trade and tariffs", "\(b.obstacles)")
        #expect(!b.timeline.contains { $0.what.contains("wine") }, "\(b.timeline)")
    }

    /// In a story on something else (naming each side once, never together), a sentence naming one side on a topic is
    /// no item of the dyad's timeline.
    @Test func oneSideInAnotherStoryIsNoTimelineItem() async throws {
        let f = try Fixture()
        let text = "Raid\nThe United States killed a militant leader in a missile strike in March 2025. Turkey was not involved."
        try await f.add(id: "r", outlet: "example.org", published: "2025-06-28T12:00:00Z", text: text,
                        actors: [("Turkey", "TUR", nil), ("United States", "USA", nil)])
        let b = try await BriefingBuilder(store: f.store).brief("TUR", "USA", asOf: Timestamp.parse("2025-07-01")!)
        #expect(!b.timeline.contains { $0.what.contains("missile") }, "\(b.timeline)")
    }

    /// Both sides named only as members of one list of three or more act together on a third matter: no item of
    /// theirs, unless an event between them is coded in the sentence; the sides in separate places still are.
    @Test func sidesListedTogetherAreNoDyadItem() async throws {
        let f = try Fixture()
        let text = "Gang leader killed\n"
            + "In 2021 he was criticized by U.S., French, Chinese and Mexican representatives for the violence. "
            + "In 2022 U.S., French and Chinese envoys signed a pact. "
            + "In 2023 the U.S. criticized Chinese representatives for the violence."
        try await f.add(id: "h", outlet: "example.org", published: "2025-03-01T12:00:00Z", text: text,
                        actors: [("U.S.", "USA", nil), ("French", "FRA", nil), ("Chinese", "CHN", nil), ("Mexican", "MEX", nil)],
                        events: [("In 2022 U.S., French and Chinese envoys signed a pact.", "USA", "CHN", "057", 1, 8, "2022")])
        let b = try await BriefingBuilder(store: f.store).brief("CHN", "USA", asOf: Timestamp.parse("2025-03-02")!)
        #expect(!b.timeline.contains { $0.what.contains("Mexican") }, "\(b.timeline)")
        #expect(b.timeline.contains { $0.what.contains("signed a pact") }, "\(b.timeline)")
        #expect(b.timeline.contains { $0.what.contains("In 2023") }, "\(b.timeline)")
    }

    /// A statement's stance rests on the speaker's side's acts toward the other side, not the other's acts it reports.
    @Test func stanceIsTheSpeakersSides() async throws {
        let f = try Fixture()
        let text = "Offer\n“Iran offered us a deal last week,” the United States said."
        try await f.add(id: "o", outlet: "example.org", published: "2025-06-28T12:00:00Z", text: text,
                        actors: [("Iran", "IRN", nil), ("United States", "USA", nil)],
                        events: [("“Iran offered us a deal last week,” the United States said.", "IRN", "USA", "030", 1, 4, nil)],
                        quotes: [(content: "Iran offered us a deal last week,", speaker: "the United States", actor: "USA", direct: true)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-07-01")!)
        let s = try #require(b.statements.first, "\(b.statements)")
        #expect(s.stance == "neutral", "\(s)")
    }

    /// A statement that condemns with no act coded is critical, not neutral.
    @Test func condemningWordsAreCritical() async throws {
        let f = try Fixture()
        let text = "Council\n“The Council must condemn this brazen behavior by Iran,” the United States said."
        try await f.add(id: "c", outlet: "example.org", published: "2025-06-28T12:00:00Z", text: text,
                        actors: [("Iran", "IRN", nil), ("United States", "USA", nil)],
                        quotes: [(content: "The Council must condemn this brazen behavior by Iran,", speaker: "the United States", actor: "USA", direct: true)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-07-01")!)
        let s = try #require(b.statements.first, "\(b.statements)")
        #expect(s.stance == "critical", "\(s)")
    }

    /// The state cites the coverage's sentences for its own reading, not those that call it something else.
    @Test func stateCitesItsOwnReadingsSentences() async throws {
        let f = try Fixture()
        let text = "Talks\nThe escalation of 2019 began it. Relations between Iran and the United States remain in stalemate. Iran rejected talks with the United States."
        try await f.add(id: "s", outlet: "example.org", published: "2025-06-28T12:00:00Z", text: text,
                        actors: [("Iran", "IRN", nil), ("United States", "USA", nil)],
                        events: [("Iran rejected talks with the United States.", "IRN", "USA", "125", 3, -5, nil)])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-07-01")!)
        #expect(b.state.regime == "stalemate")
        let cited = b.state.cites.map { b.sources[$0 - 1].sentence }
        #expect(cited.contains { $0.contains("remain in stalemate") }, "\(cited)")
        #expect(!cited.contains { $0.contains("escalation") }, "\(cited)")
    }

    /// A stalemate read from the events alone says which events, and a record of one or two events says it is thin.
    @Test func stalemateFromEventsSaysWhy() async throws {
        let f = try await store([("RUS", "UKR", "190", 4, -10, "2025-06-20"), ("UKR", "RUS", "030", 1, 4, "2025-06-21")])
        let b = try await BriefingBuilder(store: f.store).brief("RUS", "UKR", asOf: Timestamp.parse("2025-07-01")!)
        #expect(b.state.regime == "stalemate")
        #expect(b.state.summary.contains("1 of 2 recent events are conflictual"), "\(b.state.summary)")
        #expect(b.state.summary.contains("a thin record: 2 coded events"), "\(b.state.summary)")
        #expect(!b.state.cites.isEmpty)
    }

    @Test func crisisWhenForceDominates() async throws {
        let f = try await store([("USA", "IRN", "190", 4, -10, "2025-06-20"), ("IRN", "USA", "190", 4, -10, "2025-06-21"),
                                 ("USA", "IRN", "195", 4, -10, "2025-06-22"), ("IRN", "USA", "111", 3, -2, "2025-06-23")])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-07-01")!)
        #expect(b.state.regime == "crisis")
        #expect(b.state.recent.quad[4] == 3)
        #expect(b.rhetoric[0].materialConflict == 1 && b.rhetoric[1].materialConflict == 2)
    }

    @Test func cooperationWhenTalksAreHeld() async throws {
        let f = try await store([("USA", "IRN", "040", 1, 1, "2025-06-20"), ("IRN", "USA", "046", 1, 7, "2025-06-21"),
                                 ("IRN", "USA", "057", 1, 8, "2025-06-25")])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-07-01")!)
        #expect(b.state.regime == "cooperation")
        #expect(b.prospects.value > 50 && b.prospects.label == "good")
    }

    @Test func escalationAgainstBaseline() async throws {
        let f = try await store([("USA", "IRN", "040", 1, 1, "2025-01-10"), ("IRN", "USA", "046", 1, 7, "2025-02-10"), ("IRN", "USA", "036", 1, 4, "2025-03-10"),
                                 ("USA", "IRN", "111", 3, -2, "2025-06-20"), ("IRN", "USA", "112", 3, -2, "2025-06-21"), ("IRN", "USA", "130", 3, -4, "2025-06-22")])
        let b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-07-01")!)
        #expect(b.state.regime == "escalation")
    }

    /// Items cut by the limits (here the timeline, to 2 entries) leave no uncited source behind, and the numbers that
    /// remain are 1...n in first-use order.
    @Test func everySourceIsCitedWhenItemsAreCut() async throws {
        var rows: [(String, String, String, Int, Double, String)] = []
        for m in 1...9 { rows.append(("USA", "IRN", "111", 3, -2, "2024-0\(m)-15")) }
        let f = try await store(rows)
        var config = BriefingBuilder.Configuration()
        config.maxTimeline = 2
        let b = try await BriefingBuilder(store: f.store, configuration: config).brief("IRN", "USA", asOf: Timestamp.parse("2025-07-01")!)
        #expect(b.timeline.count == 2)
        let all = b.state.cites + b.statements.flatMap(\.cites) + b.conditions.flatMap(\.cites) + b.claims.flatMap(\.cites)
            + b.timeline.flatMap(\.cites) + b.obstacles.flatMap(\.cites) + b.rhetoric.flatMap(\.cites)
            + b.thirdParties.flatMap(\.cites) + b.prospects.movers.flatMap(\.cites)
        #expect(Set(all) == Set(1...b.sources.count))
        #expect(b.sources.count < 9, "the seven cut timeline entries are not sources")
    }

    @Test func keepingCitedSourcesRenumbersInOrder() async throws {
        let f = try await seedFixture()
        var b = try await BriefingBuilder(store: f.store).brief("IRN", "USA", asOf: Timestamp.parse("2025-11-13")!)
        #expect(b.keepingCitedSources().sources == b.sources, "a briefing citing all its sources is unchanged")
        let extra = Citation(documentID: nil, title: nil, outlet: nil, published: nil, url: nil, sentence: "uncited", span: nil)
        b.sources.insert(extra, at: 0)
        for i in b.timeline.indices { b.timeline[i].cites = b.timeline[i].cites.map { $0 + 1 } }
        b.state.cites = b.state.cites.map { $0 + 1 }
        for i in b.statements.indices { b.statements[i].cites = b.statements[i].cites.map { $0 + 1 } }
        for i in b.conditions.indices { b.conditions[i].cites = b.conditions[i].cites.map { $0 + 1 } }
        for i in b.claims.indices { b.claims[i].cites = b.claims[i].cites.map { $0 + 1 } }
        for i in b.obstacles.indices { b.obstacles[i].cites = b.obstacles[i].cites.map { $0 + 1 } }
        for i in b.rhetoric.indices { b.rhetoric[i].cites = b.rhetoric[i].cites.map { $0 + 1 } }
        for i in b.thirdParties.indices { b.thirdParties[i].cites = b.thirdParties[i].cites.map { $0 + 1 } }
        for i in b.prospects.movers.indices { b.prospects.movers[i].cites = b.prospects.movers[i].cites.map { $0 + 1 } }
        let k = b.keepingCitedSources()
        #expect(!k.sources.contains(extra) && k.sources.count == b.sources.count - 1)
        #expect(k.timeline.map(\.cites) == b.timeline.map { $0.cites.map { $0 - 1 } })
        #expect(k.statements.first.map { k.sources[$0.cites[0] - 1].sentence } == b.statements.first.map { b.sources[$0.cites[0] - 1].sentence })
    }

    @Test func mergingAcrossArticlesCountsCorroboration() {
        func ev(_ doc: String, _ day: String) -> StoredEvent {
            StoredEvent(event: Event(sentence: 0, source: EventActor(code: "IRNGOV", text: "", span: nil), target: EventActor(code: "USA", text: "", span: nil),
                                     cameo: "125", goldstein: -5, quad: 3), origin: .coded, documentID: doc, published: Timestamp.parse(day),
                        ingested: Date(), eventDay: Timestamp.parse(day))
        }
        let events = [ev("a", "2025-11-09"), ev("b", "2025-11-10"), ev("c", "2025-11-20")]
        let merged = mergeEvents(events, outlets: ["a": "x.com", "b": "y.com", "c": "x.com"])
        #expect(merged.count == 2)
        #expect(merged[0].articles == 2 && merged[0].sources == 2 && merged[0].mentions == 2)
        let series = DyadSeries(a: "IRN", b: "USA", granularity: .month, digests: events.map(EventDigest.init))
        #expect(series.points.map(\.period) == ["2025-11"])
        #expect(series.points[0].all.events == 2 && series.points[0].aToB.events == 2 && series.points[0].all.quad[3] == 2)
        #expect(series.points[0].all.mentions == 3 && series.points[0].all.goldsteinSum == -10)
        #expect(Granularity.week.label(Granularity.week.bucket(Timestamp.parse("2025-11-12")!)) == "2025-11-10")
    }
}

/// What a number measures (docs/analysis.md, Claims): the words after it within its clause, or, when it ends the
/// clause, the words before it; an aside after a dash or comma, or a subordinate clause, is not what the number measures.
/// The measure is shown as written ("U.S. adults", "Americans").
@Test(arguments: [
    ("only 18% of Americans believe negotiations with Iran would be productive", 18.0, "percent", "Americans believe negotiations with Iran would be productive"),
    ("62% of U.S. adults favor sanctions on Iran", 62.0, "percent", "U.S. adults favor sanctions on Iran"),
    ("Iran has enriched uranium to 60% – that's way beyond anything needed", 60.0, "percent", "Iran has enriched uranium to"),
    ("Iran has produced 275 kilograms of uranium enriched to 60% – that's way beyond anything needed", 275.0, "kg", "uranium enriched to 60%"),
    ("The strikes killed 40 people (most of them civilians) in the north", 40.0, "people", "The strikes killed"),
    ("Russia has invested, like over 9% of its GDP on the military, so they would want to use it", 9.0, "percent", "its GDP on the military"),
    ("Russia spends 9% of its GDP on the military so it can fight", 9.0, "percent", "its GDP on the military"),
] as [(String, Double, String, String)])
func numberFactMeasures(_ sentence: String, _ value: Double, _ unit: String, _ measure: String) {
    let f = numberFacts(sentence).first { $0.value == value }
    #expect(f?.unit == unit && f?.measure == measure, "\(numberFacts(sentence))")
}

/// A number inside another number's measure qualifies that claim; it is no claim of its own.
@Test func qualifyingNumberIsNoClaim() {
    let facts = numberFacts("Iran has produced 275 kilograms of uranium enriched to 60% – that's way beyond anything needed")
    #expect(facts.map(\.value) == [275], "\(facts)")
}

/// A direct quotation is shown in quotation marks; a partial one whose content runs on past its closing mark gets back
/// only its opening mark (no doubled closing mark).
@Test func quotationMarksOfStatements() {
    #expect(BriefingRenderer.quoted("we will not negotiate") == "“we will not negotiate”")
    #expect(BriefingRenderer.quoted("there is no possibility” of negotiations with the United States")
            == "“there is no possibility” of negotiations with the United States")
}

/// Topics of obstacles beyond the Iran file: trade, territory, ceasefires, alliances; hyphenated cues split as words do.
@Test(arguments: [
    ("Washington raised tariffs on Chinese goods again.", "trade and tariffs"),
    ("Kyiv wants security guarantees before any cease-fire.", "ceasefire and security guarantees"),
    ("Moscow insists on keeping the annexed territories.", "territory and sovereignty"),
    ("Hard-liners in parliament opposed the deal.", "domestic politics"),
    ("Ankara's role in NATO complicates the sale.", "alliances"),
] as [(String, String)])
func obstacleTopics(_ sentence: String, _ topic: String) {
    #expect(topicsOf(words(sentence)).contains(topic), "\(topicsOf(words(sentence)))")
}
