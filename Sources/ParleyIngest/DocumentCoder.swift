import Foundation
import ParleyCoding
import ParleyModel
import ParleyText

/// Reads a stored document with the whole engine and turns what it finds into what the store keeps:
/// events with their sentence, quotes, actor mentions and the offices the text showed.
public struct DocumentCoder: Sendable {
    private let textStages: [any TextStage]
    private let recognizer: ActorRecognizer
    private let afterActors: [any TextStage]

    public init(knownPeople: [OfficeFact] = []) throws {
        textStages = try TextEngine.stages()
        recognizer = try ActorRecognizer(knownPeople: knownPeople)
        afterActors = try CodingEngine.afterActorStages()
    }

    /// The annotated document and its coding.
    public func code(_ stored: StoredDocument) throws -> (Document, DocumentCoding) {
        var doc = Document(id: stored.id, text: stored.text, published: stored.published)
        for stage in textStages {
            try stage.process(&doc)
            doc.layers.formUnion(stage.assigns)
        }
        let learned = recognizer.recognize(&doc)
        doc.layers.formUnion(recognizer.assigns)
        for stage in afterActors {
            try stage.process(&doc)
            doc.layers.formUnion(stage.assigns)
        }
        return (doc, Self.coding(of: doc, stored: stored, learned: learned))
    }

    static func coding(of doc: Document, stored: StoredDocument, learned: [OfficeFact]) -> DocumentCoding {
        let publishedDay = stored.published.map { Timestamp.utcCalendar.startOfDay(for: $0) }
        let events = doc.events.map { e -> StoredEvent in
            let sentence = e.sentence < doc.sentences.count ? doc.sentences[e.sentence].span : nil
            return StoredEvent(event: e, origin: .coded, documentID: stored.id, sentenceSpan: sentence,
                               sentenceText: sentence.map(doc.text), published: stored.published, ingested: stored.ingested,
                               eventDay: e.date.flatMap(TimexValue.start) ?? publishedDay)
        }
        let quotes = doc.quotes.enumerated().map { i, q -> StoredQuote in
            let s = doc.sentenceIndex(containing: q.content.start)
            return StoredQuote(documentID: stored.id, index: i, quote: q, content: doc.text(q.content), cue: q.cue.map(doc.text),
                               sentence: s, sentenceText: s.map { doc.text(doc.sentences[$0].span) },
                               published: stored.published, ingested: stored.ingested)
        }
        let offices = learned.map {
            OfficeFact(person: $0.person, code: $0.code, documentID: stored.id, evidence: $0.evidence, date: $0.date ?? stored.published)
        }
        return DocumentCoding(documentID: stored.id, events: events, quotes: quotes, mentions: doc.actors, offices: offices)
    }
}
