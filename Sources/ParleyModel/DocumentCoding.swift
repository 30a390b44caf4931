import Foundation

/// A quotation as the store keeps it: the quote, its text, and its document's times.
public struct StoredQuote: Hashable, Sendable {
    public var documentID: String
    /// Index of the quote within its document's quotes.
    public var index: Int
    public var quote: Quote
    public var content: String
    public var cue: String?
    /// The sentence holding the start of the content, and its text.
    public var sentence: Int?
    public var sentenceText: String?
    public var published: Date?
    public var ingested: Date

    public init(documentID: String, index: Int, quote: Quote, content: String, cue: String?, sentence: Int?,
                sentenceText: String?, published: Date?, ingested: Date) {
        self.documentID = documentID
        self.index = index
        self.quote = quote
        self.content = content
        self.cue = cue
        self.sentence = sentence
        self.sentenceText = sentenceText
        self.published = published
        self.ingested = ingested
    }
}

/// An office a text showed a person to hold ("Iranian Foreign Minister Abbas Araghchi" → IRNGOV), with its evidence.
public struct OfficeFact: Hashable, Sendable {
    public var person: String
    public var code: String
    public var documentID: String
    public var evidence: Span
    public var date: Date?

    public init(person: String, code: String, documentID: String, evidence: Span, date: Date?) {
        self.person = person
        self.code = code
        self.documentID = documentID
        self.evidence = evidence
        self.date = date
    }
}

/// Everything Parley coded from one document; replaced as a whole when the document is recoded.
public struct DocumentCoding: Sendable {
    public var documentID: String
    public var events: [StoredEvent]
    public var quotes: [StoredQuote]
    public var mentions: [ActorMention]
    public var offices: [OfficeFact]

    public init(documentID: String, events: [StoredEvent] = [], quotes: [StoredQuote] = [], mentions: [ActorMention] = [],
                offices: [OfficeFact] = []) {
        self.documentID = documentID
        self.events = events
        self.quotes = quotes
        self.mentions = mentions
        self.offices = offices
    }
}

extension DocumentCoding {
    /// Points everything at another document id (the store may rename a document whose id was taken).
    public mutating func reassign(to id: String) {
        documentID = id
        for i in events.indices { events[i].documentID = id }
        for i in quotes.indices { quotes[i].documentID = id }
        for i in offices.indices { offices[i].documentID = id }
    }
}
