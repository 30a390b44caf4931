import Foundation
import ParleyModel
import ParleyStore

/// Builds a briefing for a dyad from the store, using only what was published by `asOf`
/// (and, with `knownAt`, only what Parley had ingested by then). No look-ahead.
public struct BriefingBuilder: Sendable {
    public struct Configuration: Sendable {
        /// Days before as-of that count as "recent" for the state and the prospects.
        public var recentDays = 30
        /// Days before the recent window that form the baseline.
        public var baselineDays = 365
        public var names = CountryNames.bundled
        public var maxStatements = 12
        public var maxClaims = 12
        public var maxTimeline = 20
        public init() {}
    }

    public let store: any EventStore
    public let configuration: Configuration

    public init(store: any EventStore, configuration: Configuration = .init()) {
        self.store = store
        self.configuration = configuration
    }

    public func brief(_ a: String, _ b: String, asOf: Date, knownAt: Date? = nil) async throws -> Briefing {
        let names = configuration.names
        let a = a.uppercased(), b = b.uppercased()
        var book = CitationBook()

        // Evidence as of the moment.
        let relevant = try await store.documents(mentioning: a, and: b, asOf: asOf, knownAt: knownAt)
        var reads: [String: ReadDocument] = [:]
        for d in relevant { reads[d.id] = ReadDocument(d, mentions: try await store.mentions(documentID: d.id)) }
        var q = EventQuery(dyad: a, b)
        q.asOf = asOf
        q.knownAt = knownAt
        let dyadEvents = try await store.events(q)
        /// The dyad's events coded in one sentence of one document.
        func eventsIn(_ document: String, _ sentence: Span) -> [StoredEvent] {
            dyadEvents.filter { $0.documentID == document && $0.sentenceSpan == sentence }
        }
        var docCache: [String: StoredDocument] = Dictionary(uniqueKeysWithValues: relevant.map { ($0.id, $0) })
        // Reads the documents of events whose documents are not read yet (their outlets and titles are cited).
        func readDocuments(of events: [StoredEvent]) async throws {
            for e in events {
                if let id = e.documentID, docCache[id] == nil { docCache[id] = try await store.document(id: id) }
            }
        }
        try await readDocuments(of: dyadEvents)
        let outlets = docCache.compactMapValues(\.outlet)
        let merged = mergeEvents(dyadEvents, outlets: outlets)

        func cite(_ e: StoredEvent) -> Int {
            let d = e.documentID.flatMap { docCache[$0] }
            let text = e.sentenceText.map(ReadDocument.clean)
                ?? "\(e.origin.rawValue) record \(e.externalID ?? "?"): \(e.event.source?.code ?? "-") \(e.event.cameo) \(e.event.target?.code ?? "-")"
            return book.cite(Citation(documentID: e.documentID, title: d?.title, outlet: d?.outlet ?? e.sourceURL.flatMap { URL(string: $0)?.host },
                                      published: (d?.published ?? e.published).map(Timestamp.format), url: d?.url ?? e.sourceURL,
                                      sentence: text, span: e.sentenceSpan.map { [$0.start, $0.end] }))
        }
        func describe(_ e: Event) -> String {
            let s = e.source.map { names.describe($0.code) } ?? "someone"
            let t = e.target.map { names.describe($0.code) } ?? "someone"
            let verb = CAMEONames.name(e.cameo)
            let mod = e.negated ? " (negated)" : (e.modality == .asserted ? "" : " (\(e.modality.rawValue))")
            return "\(s) → \(t): \(verb) [CAMEO \(e.cameo)]\(mod)"
        }

        // State of the relationship.
        let day: Double = 86_400
        let recentStart = asOf.addingTimeInterval(-Double(configuration.recentDays) * day)
        let baseStart = recentStart.addingTimeInterval(-Double(configuration.baselineDays) * day)
        // The state and the rhetoric rest on what happened or was said: what is only supposed or conditioned
        // ("negotiations would be productive", "if Iran attacks") and what is denied are left out, as in the prospects
        // (negated events are not counted by `EventFigures` either, but a negated offer is still a refusal below).
        let actual = merged.filter { !Self.supposed($0.event) }
        let recent = actual.filter { ($0.day ?? .distantPast) >= recentStart && ($0.day ?? .distantPast) <= asOf }
        let baseline = actual.filter { ($0.day ?? .distantPast) >= baseStart && ($0.day ?? .distantPast) < recentStart }
        let rf = EventFigures.of(recent), bf = EventFigures.of(baseline)
        var stateCites: [Int] = []
        var reasons: [String] = []
        var cueCounts: [String: Int] = [:]
        // The first two sentences of each characterisation: only the reading's own are cited.
        var cueCitations: [String: [Citation]] = [:]
        let regimeCues: [(String, [[String]])] = [
            ("stalemate", [["stalemate"], ["impasse"], ["deadlock"], ["standstill"], ["stalled"], ["frozen"]]),
            ("escalation", [["escalation"], ["escalating"], ["escalate"], ["tensions", "rise"], ["brink"]]),
            ("crisis", [["crisis"]]),
            ("de-escalation", [["de-escalation"], ["thaw"], ["rapprochement"], ["easing", "tensions"]]),
            ("cooperation", [["cooperation"], ["partnership"], ["breakthrough"]]),
        ]
        for d in relevant where (d.published ?? .distantPast) >= recentStart {
            guard let r = reads[d.id] else { continue }
            for i in r.doc.sentences.indices {
                let w = words(r.sentenceText(i))
                for (regime, cues) in regimeCues where cues.contains(where: { containsPhrase(w, $0) }) {
                    cueCounts[regime, default: 0] += 1
                    if cueCounts[regime]! <= 2 { cueCitations[regime, default: []].append(r.citation(i)) }
                }
            }
        }
        let refusals = recent.filter { $0.event.cameo.hasPrefix("12") || ($0.event.negated && ["03", "04", "05"].contains($0.event.root)) }
        let meetings = recent.filter { ["04", "05", "06"].contains($0.event.root) && !$0.event.negated }
        var regime: String
        if rf.quad[4] >= 3 && Double(rf.quad[4]) >= 0.4 * Double(rf.events) {
            regime = rf.goldsteinMean <= -7 ? "crisis" : "escalation"
            reasons.append("\(rf.quad[4]) material-conflict events in the last \(configuration.recentDays) days (\(Int(Double(rf.quad[4]) / Double(max(1, rf.events)) * 100))% of recent events)")
        } else if rf.events >= 3 && bf.events >= 3 && rf.goldsteinMean < bf.goldsteinMean - 1.5 {
            regime = "escalation"
            reasons.append(String(format: "mean Goldstein fell from %.1f (baseline) to %.1f (recent)", bf.goldsteinMean, rf.goldsteinMean))
        } else if rf.events >= 3 && bf.events >= 3 && rf.goldsteinMean > bf.goldsteinMean + 1.5 {
            regime = "de-escalation"
            reasons.append(String(format: "mean Goldstein rose from %.1f (baseline) to %.1f (recent)", bf.goldsteinMean, rf.goldsteinMean))
        } else if rf.events > 0 && Double(rf.cooperation) >= 0.6 * Double(rf.events) && !meetings.isEmpty {
            regime = "cooperation"
            reasons.append("\(rf.cooperation) of \(rf.events) recent events are cooperative, including \(meetings.count) meetings or agreements")
        } else if !refusals.isEmpty || (cueCounts["stalemate"] ?? 0) > 0 || (rf.events > 0 && rf.conflictShare >= 0.5 && meetings.isEmpty) {
            regime = "stalemate"
            if !refusals.isEmpty { reasons.append("\(refusals.count) recent refusal\(refusals.count == 1 ? "" : "s") of talks or cooperation against \(meetings.count) meeting\(meetings.count == 1 ? "" : "s") or agreement\(meetings.count == 1 ? "" : "s")") }
            if rf.quad[4] == 0 && rf.events > 0 { reasons.append("no material conflict recorded recently: the confrontation is verbal") }
            // Read from the events alone: say which, so the reading is never an empty claim.
            if refusals.isEmpty && rf.events > 0 && rf.conflictShare >= 0.5 && meetings.isEmpty {
                reasons.append("\(rf.conflict) of \(rf.events) recent event\(rf.events == 1 ? " is" : "s are") conflictual and none is a meeting or agreement")
                for m in recent.filter({ $0.event.quad >= 3 }).prefix(3) { stateCites.append(cite(m.representative)) }
            }
        } else if rf.events == 0 {
            regime = cueCounts.max { $0.value < $1.value }?.key ?? "quiet"
            reasons.append("no coded events between the two in the last \(configuration.recentDays) days")
            if let last = actual.last(where: { ($0.day ?? .distantFuture) <= asOf }), let lastDay = last.day {
                let before = actual.filter { ($0.day ?? .distantPast) > lastDay.addingTimeInterval(-Double(configuration.recentDays) * day) && ($0.day ?? .distantFuture) <= lastDay }
                let f = EventFigures.of(before)
                reasons.append(String(format: "the last coded events, in the 30 days to %@, were %d (%d cooperative, %d conflictual, mean Goldstein %.1f)",
                                      Timestamp.day(lastDay), f.events, f.cooperation, f.conflict, f.goldsteinMean))
                stateCites.append(cite(last.representative))
            }
        } else {
            regime = "mixed"
            reasons.append("recent events are neither predominantly cooperative nor conflictual")
        }
        if rf.events > 0 && rf.events < 3 {
            reasons.append("a thin record: \(rf.events) coded event\(rf.events == 1 ? "" : "s") between the two in the last \(configuration.recentDays) days")
        }
        if let n = cueCounts[regime], n > 0 { reasons.append("\(n) recent sentence\(n == 1 ? " describes" : "s describe") the relationship in these terms") }
        for c in cueCitations[regime] ?? [] { stateCites.append(book.cite(c)) }
        for m in (refusals + meetings).prefix(4) { stateCites.append(cite(m.representative)) }
        let summary = "As of \(Timestamp.format(asOf)), relations between \(names.name(a)) and \(names.name(b)) read as \(regime): "
            + reasons.joined(separator: "; ") + "."
        let state = Briefing.State(regime: regime, summary: summary, recent: rf, baseline: bf,
                                   recentWindow: "\(Timestamp.day(recentStart)) – \(Timestamp.day(asOf))",
                                   baselineWindow: "\(Timestamp.day(baseStart)) – \(Timestamp.day(recentStart))",
                                   reasons: reasons, cites: Array(Set(stateCites)).sorted())

        // Statements.
        var statements: [Briefing.Statement] = []
        var quotes: [StoredQuote] = []
        for d in relevant { quotes += try await store.quotes(documentID: d.id, speakerActor: nil, asOf: asOf) }
        // Sentences with a quotation someone is named for: a fragment quoted beside it is part of that statement
        // ("“We're not going to …,” Rubio said, adding that both sides need to “do difficult things.”").
        let attributed = Set(quotes.compactMap { q in q.quote.speaker == nil ? nil : q.sentence.map { "\(q.documentID)|\($0)" } })
        for sq in quotes {
            guard let r = reads[sq.documentID], let si = sq.sentence, si < r.doc.sentences.count else { continue }
            let unattributed = sq.quote.speaker == nil
            if unattributed && attributed.contains("\(sq.documentID)|\(si)") { continue }
            var actor = sq.quote.speakerActor
            var speakerName = sq.quote.speakerText
            var office: String?
            let before = r.mentions(in: si).filter { $0.span.end <= sq.quote.content.start }
            // A quotation nobody is named for (no cue: "urging him to … “to intercept the shipments”") is taken as
            // the first person the sentence names before it in the dyad, usually its subject. A speaker found but
            // outside the dyad is someone else's statement: no dyad member is put in their place.
            if unattributed {
                if let m = before.first(where: { $0.person != nil && ($0.code.hasPrefix(a) || $0.code.hasPrefix(b)) }) {
                    actor = m.code
                    speakerName = m.person
                }
            }
            guard let act = actor, act.hasPrefix(a) || act.hasPrefix(b) else { continue }
            let other = act.hasPrefix(a) ? b : a
            let window = max(0, si - 1)...min(r.doc.sentences.count - 1, si + 1)
            let mentionsOther = window.contains { i in r.mentions(in: i).contains { $0.code.hasPrefix(other) } }
                || sq.content.lowercased().contains(names.name(other).lowercased())
            guard mentionsOther else { continue }
            // The office is what the mention says before the name: "Iranian Foreign Minister" Abbas Araghchi.
            if let m = r.mentions.first(where: { $0.person != nil && $0.person == speakerName && $0.text != $0.person }), let p = m.person,
               let at = m.text.range(of: p) {
                let before = m.text[..<at.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                office = before.isEmpty ? nil : before
            }
            let sentence = r.sentenceText(si)
            let w = words(sentence)
            // The speaker's side's acts toward the other side in the sentence (not the other's acts, nor a third
            // party's the sentence tells of: "concerned about … this cooperation" between two others is no opening).
            let side = act.hasPrefix(a) ? a : b
            let sentenceEvents = eventsIn(sq.documentID, r.doc.sentences[si].span).filter {
                $0.event.source?.code.hasPrefix(side) == true && $0.event.target?.code.hasPrefix(other) == true
            }
            var stance = "neutral"
            if let g = sentenceEvents.map(\.event.goldstein).min(), g < 0 {
                stance = sentenceEvents.contains { $0.event.root == "12" } ? "rejecting" : "critical"
            } else if let g = sentenceEvents.map(\.event.goldstein).max(), g > 0 {
                stance = "open"
            } else if [["no", "possibility"], ["reject"], ["rejected"], ["refuse"], ["refused"], ["never"], ["lack", "of"], ["hostile"], ["hostility"]].contains(where: { containsPhrase(w, $0) }) {
                stance = "rejecting"
            } else if Self.criticalCues.contains(where: { containsPhrase(w, $0) }) {
                stance = "critical"
            } else if isCondition(w) || isCondition(words(sq.content)) {
                stance = "conditional"
            } else if [["ready"], ["willing"], ["welcome"], ["constructive"], ["open", "to"]].contains(where: { containsPhrase(w, $0) }) {
                stance = "open"
            }
            let date = r.dates(in: si).first { $0.type == .date && TimexValue.start($0.value) != nil }?.value
                ?? r.stored.published.map(Timestamp.day)
            // "reported by X" inside the quotation is what the speaker cites, not who reported the statement.
            let outside = outsideQuotations(sentence.replacingOccurrences(of: sq.content, with: " "))
            let reporter = reportedBy(outside) ?? (si + 1 < r.doc.sentences.count ? reportedBy(outsideQuotations(r.sentenceText(si + 1))) : nil)
            // A quotation nobody is named for is a fragment the writer's sentence quotes ("a lack of “positive or
            // constructive attitude” from Washington"): the sentence is the statement, not the fragment alone.
            statements.append(Briefing.Statement(
                speaker: speakerName ?? names.describe(act), actor: act, office: office, date: date, outlet: r.stored.outlet,
                reportedBy: reporter, quote: Self.shorten(ReadDocument.clean(unattributed ? sentence : sq.content)),
                direct: sq.quote.direct && !unattributed, stance: stance,
                about: names.name(other), cites: [book.cite(r.citation(si))]))
        }
        statements = Array(statements.sorted { ($0.date ?? "") > ($1.date ?? "") }.prefix(configuration.maxStatements))

        // Conditions, claims, timeline and obstacles, read from the relevant documents' sentences.
        var conditions: [Briefing.Condition] = []
        var claims: [Briefing.Claim] = []
        var claimKeys: [(unit: String, value: Double, measure: Set<String>, doc: String, outlet: String?)] = []
        var timeline: [(start: Date, item: Briefing.TimelineItem, key: String)] = []
        var dyadDocuments: Set<String> = []
        var topicWeights: [String: (Int, [String: Int], [Int])] = [:]
        var topicDetails: [String: [String: Int]] = [:]
        let stop: Set<String> = ["the", "a", "an", "of", "in", "to", "and", "that", "with", "would", "be", "is", "are", "for", "on", "by", "while"]
        for d in relevant {
            guard let r = reads[d.id] else { continue }
            let pubDay = d.published.map { Timestamp.utcCalendar.startOfDay(for: $0) } ?? asOf
            var lastPerson: (mention: ActorMention, sentence: Int)?
            // Which sides each sentence names. The document is on the dyad when a sentence names both sides or each
            // side is named in two sentences (not "Russia has missiles, so do Iraq, Iran, Syria" once in a story on
            // Türkiye and the United States).
            let sideSentences = r.doc.sentences.indices.map { i in
                let ms = r.mentions(in: i)
                return (a: ms.contains { $0.code.hasPrefix(a) }, b: ms.contains { $0.code.hasPrefix(b) })
            }
            let namesSide = sideSentences.map { $0.a || $0.b }
            let onDyad = sideSentences.contains { $0.a && $0.b }
                || (sideSentences.filter(\.a).count >= 2 && sideSentences.filter(\.b).count >= 2)
            if onDyad { dyadDocuments.insert(d.id) }
            for i in r.doc.sentences.indices {
                let text = r.sentenceText(i)
                let w = words(text)
                let ms = r.mentions(in: i)
                let sides = ms.filter { $0.code.hasPrefix(a) || $0.code.hasPrefix(b) }
                if let p = ms.last(where: { $0.person != nil && ($0.code.hasPrefix(a) || $0.code.hasPrefix(b)) }) { lastPerson = (p, i) }
                let found = topicMatches(w)
                let onTopic = !sides.isEmpty || !found.isEmpty
                // A sentence that names one side with another country ("Washington ... Ankara", "the White House ...
                // Taiwan's new president") is about that other relationship, not the dyad's.
                // Both sides named only as members of one list of three or more act together on something else
                // ("criticized by United Nations, U.S., French, Chinese, Russian and Mexican representatives" on
                // Haiti), unless an event between them is coded in the sentence.
                let bothSides = sides.contains { $0.code.hasPrefix(a) } && sides.contains { $0.code.hasPrefix(b) }
                    && !(r.namesSidesOnlyInOneList(ms, a, b) && eventsIn(d.id, r.doc.sentences[i].span).isEmpty)
                let otherCountry = ms.contains { m in
                    !(m.code.hasPrefix(a) || m.code.hasPrefix(b)) && names.names[String(m.code.prefix(3))] != nil
                }
                let notOtherRelation = bothSides || !otherCountry
                // Timeline items and claims: sentences that name both sides, or, in a document on the dyad, one side
                // on one of the dyad's topics (a sentence naming neither, one side on something else, or one side in
                // a story on something else — an airstrike in Iraq in a story naming Türkiye once — is not the dyad's).
                let aboutDyad = bothSides || (onDyad && !sides.isEmpty && !otherCountry && found.contains { $0.topic.marksDyad })
                // A condition for talks in a document that mentions both sides is on the dyad's agenda when one of
                // the sides sets it: one of its people named in the sentence; for "he/she/they", one of its people
                // named in this or the two sentences before; else a side named other than as the object of a
                // preposition ("negotiations with China must continue, he said" is not China's condition).
                let pronoun = w.contains { ["he", "she", "they"].contains($0) }
                let recentPerson = lastPerson.flatMap { i - $0.sentence <= 2 ? $0.mention : nil }
                if notOtherRelation, isCondition(w), let setter = ms.first(where: { $0.person != nil && ($0.code.hasPrefix(a) || $0.code.hasPrefix(b)) })
                    ?? (pronoun ? recentPerson : sides.first { !Self.afterPreposition(r.doc.text, $0.span) }) {
                    let date = r.dates(in: i).first { TimexValue.start($0.value) != nil }?.value ?? d.published.map(Timestamp.day)
                    conditions.append(Briefing.Condition(text: ReadDocument.clean(text), setBy: setter.person ?? names.describe(setter.code),
                                                         actor: setter.code, date: date, status: "stands (no later retraction found as of \(Timestamp.day(asOf)))",
                                                         cites: [book.cite(r.citation(i))]))
                }
                if aboutDyad {
                    for f in numberFacts(text) {
                        let m = Set(words(f.measure).filter { !stop.contains($0) })
                        guard !m.isEmpty else { continue }
                        let date = r.dates(in: i).first { TimexValue.start($0.value) != nil }?.value ?? d.published.map(Timestamp.day)
                        claims.append(Briefing.Claim(value: f.value, text: f.text, unit: f.unit, measures: f.measure,
                                                     assertedBy: claimAuthority(text), date: date, repeatedBy: 0, contradictedBy: 0,
                                                     cites: [book.cite(r.citation(i))]))
                        claimKeys.append((f.unit, f.value, m, d.id, d.outlet))
                    }
                }
                // Obstacles count the topics of the sentences that name a side or follow or precede one that does
                // ("Disputes over Yemen and Syria remain obstacles." after a sentence on the two) in a document on the
                // dyad, except those about another relationship.
                let nearSide = namesSide[i] || (i > 0 && namesSide[i - 1]) || (i + 1 < namesSide.count && namesSide[i + 1])
                if onTopic && notOtherRelation && nearSide && onDyad {
                    for (topic, cues) in found {
                        let t = topic.name
                        for cue in cues { topicDetails[t, default: [:]][cue, default: 0] += 1 }
                        var entry = topicWeights[t] ?? (0, [:], [])
                        entry.0 += 1
                        entry.1[String(Timestamp.day(d.published ?? asOf).prefix(4)), default: 0] += 1
                        if entry.2.count < 2 { entry.2.append(book.cite(r.citation(i))) }
                        topicWeights[t] = entry
                    }
                }
                // The headline is not a recounted event.
                if aboutDyad && !(i == 0 && ReadDocument.clean(text) == d.title) {
                    // One item per sentence, under its first past date: a sentence with two ("announced last week
                    // that it would cease military aid …, following the Oval Office clash … on Feb. 28") is one
                    // account, not two entries of the same words.
                    for dm in r.timelineDates(in: i) {
                        guard let start = TimexValue.start(dm.value), start < pubDay else { continue }
                        let key = dm.value + "|" + w.filter { !stop.contains($0) }.prefix(6).joined(separator: " ")
                        timeline.append((start, Briefing.TimelineItem(date: dm.value, what: ReadDocument.clean(text), cites: [book.cite(r.citation(i))]), key))
                        break
                    }
                }
            }
        }
        // Recounted past events from the coded store.
        for m in merged {
            guard let day = m.day, let pub = m.representative.published, day < Timestamp.utcCalendar.startOfDay(for: pub).addingTimeInterval(-86_400),
                  let date = m.event.date else { continue }
            timeline.append((day, Briefing.TimelineItem(date: date, what: describe(m.event), cites: Self.unique(m.members.prefix(3).map(cite))), date + "|event|" + m.event.cameo))
        }
        // Corroboration of claims: other documents with the same unit and measure, same or different value.
        for i in claims.indices {
            let k = claimKeys[i]
            for (j, o) in claimKeys.enumerated() where j != i && o.doc != k.doc && o.unit == k.unit && o.measure.intersection(k.measure).count >= 2 {
                if abs(o.value - k.value) <= max(0.5, 0.05 * abs(k.value)) { claims[i].repeatedBy += 1 } else { claims[i].contradictedBy += 1 }
            }
        }
        claims = Array(claims.prefix(configuration.maxClaims))
        // One item per date: the first account, with up to three sentences that recount it cited.
        var orderedTimeline: [Briefing.TimelineItem] = []
        var byDate: [String: Int] = [:]
        for entry in timeline.sorted(by: { $0.start < $1.start }) {
            if let i = byDate[entry.item.date] {
                let merged = orderedTimeline[i].cites + entry.item.cites.filter { !orderedTimeline[i].cites.contains($0) }
                orderedTimeline[i].cites = Array(merged.prefix(3))
            } else {
                byDate[entry.item.date] = orderedTimeline.count
                orderedTimeline.append(entry.item)
            }
        }
        var obstacles: [Briefing.Obstacle] = []
        for (key, v) in topicWeights {
            let counts: [(key: String, value: Int)] = (topicDetails[key] ?? [:]).map { ($0.key, $0.value) }
            let details = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            obstacles.append(Briefing.Obstacle(topic: key, details: details, weight: v.0, byYear: v.1, cites: v.2))
        }
        obstacles.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.topic < $1.topic }

        // Rhetoric against action, per side.
        var rhetoric: [Briefing.Rhetoric] = []
        for (s, t) in [(a, b), (b, a)] {
            let mine = actual.filter { $0.event.source?.code.hasPrefix(s) == true && $0.event.target?.code.hasPrefix(t) == true }
            let f = EventFigures.of(mine)
            let reading: String
            // The events cited are those the reading rests on (QuadClass 1–4), before any others.
            var support: Set<Int> = []
            // (cooperation first: six cooperative acts and one harsh word are no "conflict in words only")
            if f.events == 0 { reading = "no coded acts toward \(names.name(t))" }
            else if f.cooperation > f.conflict { reading = "mostly cooperative: \(f.cooperation) cooperative against \(f.conflict) conflictual events"; support = [1, 2] }
            else if f.quad[3] > 0 && f.quad[4] == 0 { reading = "conflict in words only: \(BriefingRenderer.count(f.quad[3], "verbal-conflict event")) and no material conflict; strong words may speak to a domestic audience"; support = [3] }
            else if f.quad[4] > f.quad[3] { reading = "acts outweigh words: \(BriefingRenderer.count(f.quad[4], "material-conflict event")) against \(f.quad[3]) verbal"; support = [4] }
            else { reading = "words and acts of conflict together: \(f.quad[3]) verbal, \(f.quad[4]) material"; support = [3, 4] }
            let cited = mine.filter { support.contains($0.event.quad) } + mine.filter { !support.contains($0.event.quad) }
            rhetoric.append(Briefing.Rhetoric(side: "\(names.name(s)) → \(names.name(t))", verbalConflict: f.quad[3], materialConflict: f.quad[4],
                                              verbalCooperation: f.quad[1], materialCooperation: f.quad[2], goldsteinMean: f.goldsteinMean,
                                              reading: reading, cites: Self.unique(cited.prefix(3).map { cite($0.representative) })))
        }

        // Third parties: each side's events with other countries and organisations, counted by the store (a frequent
        // side has hundreds of thousands of events at GDELT scale: only the listed parties' first events are read).
        var tp: [String: (events: Int, towardA: Int, towardB: Int, goldsteinSum: Double, quad: [Int])] = [:]
        for (side, other) in [(a, b), (b, a)] {
            for c in try await store.counterparts(of: side, excluding: other, asOf: asOf, knownAt: knownAt) {
                // A real third party: a country or an organisation, not an actor without either.
                guard names.names[String(c.code.prefix(3))] != nil || c.code.hasPrefix("IGO") || c.code.hasPrefix("NGO") else { continue }
                let key = Self.partyKey(c.code, names)
                var v = tp[key] ?? (0, 0, 0, 0, [0, 0, 0, 0, 0])
                v.events += c.events
                if side == a { v.towardA += c.events } else { v.towardB += c.events }
                v.goldsteinSum += c.goldsteinSum
                for q in 1...4 { v.quad[q] += c.quad[q] }
                tp[key] = v
            }
        }
        // Mentions in the documents on the dyad (not in a story on Türkiye that names Iran once).
        var mentionCounts: [String: Int] = [:]
        for r in reads.values where dyadDocuments.contains(r.stored.id) {
            for m in r.mentions where !m.code.hasPrefix(a) && !m.code.hasPrefix(b) && m.code.count >= 3 && (m.country != nil || m.code.hasPrefix("IGO") || m.code.hasPrefix("NGO")) {
                let key = Self.partyKey(m.code, names)
                mentionCounts[key, default: 0] += 1
            }
        }
        var thirdParties: [Briefing.ThirdParty] = tp.map { key, v in
            let how = ["", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"][Self.dominantQuad(v.quad)]
            return Briefing.ThirdParty(actor: key, name: names.name(key), events: v.events, towardA: v.towardA, towardB: v.towardB,
                                       goldsteinMean: v.goldsteinSum / Double(max(1, v.events)), mentions: mentionCounts[key] ?? 0,
                                       how: "mostly \(how)", cites: [])
        }
        for (key, n) in mentionCounts where tp[key] == nil && n >= 2 {
            thirdParties.append(Briefing.ThirdParty(actor: key, name: names.name(key), events: 0, towardA: 0, towardB: 0, goldsteinMean: 0,
                                                    mentions: n, how: "no coded acts toward either side", cites: []))
        }
        // A party acting toward both sides comes first; then the parties the dyad's coverage names most (a side's
        // many events with its other partners — the United States' with North Korea in an Iran–US briefing — are
        // not what stands between the two), then by events.
        thirdParties.sort {
            let both0 = $0.towardA > 0 && $0.towardB > 0 ? 1 : 0, both1 = $1.towardA > 0 && $1.towardB > 0 ? 1 : 0
            return (both0, $0.mentions, $0.events, $1.actor) > (both1, $1.mentions, $1.events, $0.actor)
        }
        thirdParties = Array(thirdParties.prefix(10))
        // Each listed party's two events that show its dominant kind of relation, the latest first (read from the
        // year before T, or from the start when that year has too few), those with the first side first.
        for i in thirdParties.indices where thirdParties[i].events > 0 {
            let key = thirdParties[i].actor
            let dominant = Self.dominantQuad(tp[key]?.quad ?? [0, 0, 0, 0, 0])
            var chosen: [StoredEvent] = []
            for side in [a, b] where chosen.count < 2 {
                var found: [StoredEvent] = []
                for since in [asOf.addingTimeInterval(-365 * 86_400), nil] {
                    var cq = EventQuery(dyad: side, key)
                    cq.asOf = asOf
                    cq.knownAt = knownAt
                    cq.since = since
                    // A country's prefix holds only its own codes; an organisation's (IGOUNO) can hold others' (IGOUNOIAE).
                    if key.utf8.count == 3 && names.names[key] != nil { cq.limit = 200 }
                    found = try await store.events(cq).filter { e in
                        guard let s = e.event.source?.code, let t = e.event.target?.code else { return false }
                        return Self.partyKey(s.hasPrefix(side) ? t : s, names) == key
                    }
                    if found.count >= 2 - chosen.count { break }
                }
                let ranked = found.enumerated().sorted { x, y in
                    let dx = x.element.event.quad == dominant, dy = y.element.event.quad == dominant
                    return dx != dy ? dx : x.offset > y.offset
                }.map(\.element)
                chosen += ranked.prefix(2 - chosen.count)
            }
            try await readDocuments(of: chosen)
            thirdParties[i].cites = Self.unique(chosen.map(cite))
        }

        // Prospects for dialogue.
        let prospects = Self.prospects(merged: merged, conditions: conditions, asOf: asOf, cite: { cite($0.representative) }, describe: describe)

        var notes: [String] = []
        let imported = dyadEvents.filter { $0.origin != .coded }.count
        if imported > 0 { notes.append("\(imported) of the events were imported (e.g. from GDELT) and carry no text: they support the figures but no statements, conditions or claims.") }
        if relevant.isEmpty { notes.append("No stored document published by \(Timestamp.format(asOf)) mentions both \(names.name(a)) and \(names.name(b)).") }

        return Briefing(a: a, b: b, aName: names.name(a), bName: names.name(b), asOf: Timestamp.format(asOf),
                        knownAt: knownAt.map(Timestamp.format), documents: relevant.count, events: merged.count, importedEvents: imported,
                        state: state, statements: statements, conditions: conditions, claims: claims,
                        timeline: Array(orderedTimeline.prefix(configuration.maxTimeline)), obstacles: obstacles, rhetoric: rhetoric,
                        thirdParties: thirdParties, prospects: prospects, notes: notes, sources: book.sources)
            .keepingCitedSources()
    }

    /// Whether the mention at `span` is the object of a preposition ("with China", "on the United States").
    static func afterPreposition(_ text: String, _ span: Span) -> Bool {
        // (only the bytes just before the mention: two short words and their spaces)
        let b = Array(text.utf8.prefix(span.start).suffix(40))
        var end = b.count
        var word = ""
        for _ in 0..<2 {
            while end > 0, b[end - 1] == 0x20 { end -= 1 }
            var start = end
            while start > 0, (b[start - 1] | 0x20) >= 0x61, (b[start - 1] | 0x20) <= 0x7A { start -= 1 }
            word = String(decoding: b[start..<end], as: UTF8.self).lowercased()
            end = start
            if word != "the" { break }
        }
        return ["with", "on", "against", "to", "toward", "towards", "from", "about", "over", "at", "for", "into", "by"].contains(word)
    }

    /// How third parties are grouped: countries by their three letters, organisations and the rest by their full code.
    static func partyKey(_ code: String, _ names: CountryNames) -> String {
        code.hasPrefix("IGO") || code.hasPrefix("NGO") || names.names[String(code.prefix(3))] == nil ? code : String(code.prefix(3))
    }

    /// Citation numbers without repeats, in first-use order.
    static func unique(_ cites: [Int]) -> [Int] {
        var seen = Set<Int>()
        return cites.filter { seen.insert($0).inserted }
    }

    /// A long quotation cut at a word boundary near 300 characters.
    /// The QuadClass (1–4) with the most events, the first on ties; `quads` is indexed by QuadClass.
    static func dominantQuad(_ quads: [Int]) -> Int {
        var dominant = 1
        for q in 2...4 where quads[q] > quads[dominant] { dominant = q }
        return dominant
    }

    static func shorten(_ s: String, limit: Int = 300) -> String {
        guard s.count > limit else { return s }
        let cut = s.prefix(limit)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + " …"
    }

    /// Words of a statement that criticises with no act coded ("condemning this brazen behavior", "no credible
    /// peaceful purpose").
    static let criticalCues: [[String]] = [["condemn"], ["condemns"], ["condemned"], ["condemning"], ["brazen"], ["no", "credible"],
                                           ["dangerous"], ["illegal"], ["aggression"], ["provocation"], ["provocative"],
                                           ["destabilizing"], ["destabilising"], ["violation"], ["violations"], ["reckless"]]

    /// An event only supposed, conditioned or denied: it neither happened nor was done by saying it.
    static func supposed(_ e: Event) -> Bool {
        [.hypothetical, .conditional, .denied].contains(e.modality)
    }

    /// The prospects-for-dialogue indicator (documented in docs/prospects.md):
    /// over the dyad's events of the 90 days before T, each weighted w = exp(−age/30 days),
    /// P = Σ w over talks offered, held or agreed (CAMEO roots 03–06, not negated);
    /// N = Σ w over refusals (12, and negated 03–06), threats (13), sanctions and coercion (16–17) and force (18–20),
    /// plus half weight for accusations and demands (10–11); hypothetical, conditional and denied events and negated
    /// conflict events count in neither;
    /// C = 0.5 per condition for talks still standing;
    /// value = 100 × (P − N − C) / (P + N + C + 1), in (−100, 100); trend compares with the value 30 days earlier.
    static func prospects(merged: [MergedEvent], conditions: [Briefing.Condition], asOf: Date,
                          cite: (MergedEvent) -> Int, describe: (Event) -> String) -> Briefing.Prospects {
        func compute(at t: Date, movers: inout [Briefing.Mover]) -> Double {
            var p = 0.0, n = 0.0
            for m in merged {
                guard let day = m.day, day <= t, let pub = m.representative.published, pub <= t else { continue }
                let age = t.timeIntervalSince(day) / 86_400
                guard age <= 90 else { continue }
                let w = exp(-age / 30)
                let root = m.event.root
                // What is only supposed or conditioned ("negotiations would be productive", "if Iran attacks"), and
                // what is denied, neither opens nor closes the door; nor does a conflict act that did not happen.
                if supposed(m.event) { continue }
                var signed = 0.0
                if ["03", "04", "05", "06"].contains(root) { signed = m.event.negated ? -w : w }
                else if m.event.negated { continue }
                else if ["12", "13", "16", "17", "18", "19", "20"].contains(root) { signed = -w }
                else if ["10", "11"].contains(root) { signed = -0.5 * w }
                if signed > 0 { p += signed } else { n -= signed }
                if signed != 0 { movers.append(Briefing.Mover(what: describe(m.event), weight: signed, cites: [cite(m)])) }
            }
            let standing = conditions.filter { c in (c.date.flatMap(TimexValue.start) ?? .distantPast) <= t && c.status.hasPrefix("stands") }
            let c = 0.5 * Double(standing.count)
            for cond in standing { movers.append(Briefing.Mover(what: "condition: \(cond.text.prefix(140))", weight: -0.5, cites: cond.cites)) }
            return 100 * (p - n - c) / (p + n + c + 1)
        }
        var movers: [Briefing.Mover] = []
        let value = compute(at: asOf, movers: &movers)
        var ignored: [Briefing.Mover] = []
        let previous = compute(at: asOf.addingTimeInterval(-30 * 86_400), movers: &ignored)
        let label = value < -50 ? "very low" : value < -10 ? "low" : value <= 10 ? "uncertain" : value <= 50 ? "moderate" : "good"
        let trend = value < previous - 5 ? "worsening" : value > previous + 5 ? "improving" : "flat"
        movers.sort { abs($0.weight) > abs($1.weight) }
        return Briefing.Prospects(value: (value * 10).rounded() / 10, label: label, trend: trend, previous: (previous * 10).rounded() / 10,
                                  formula: "100 × (P − N − C) / (P + N + C + 1): P = recency-weighted offers, meetings and agreements; N = refusals, threats, sanctions, coercion and force (accusations and demands at half weight); C = 0.5 per standing condition; weights exp(−age/30 d) over 90 days",
                                  movers: Array(movers.prefix(10)))
    }
}

