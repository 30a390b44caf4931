import Foundation

/// A document as Parley stores it: the exact text with its metadata and two times kept apart —
/// when it was published (may be unknown) and when Parley learned of it.
public struct StoredDocument: Hashable, Sendable, Codable {
    public var id: String
    public var url: String?
    public var outlet: String?
    public var title: String?
    public var author: String?
    public var section: String?
    public var keywords: [String]
    public var published: Date?
    public var ingested: Date
    public var text: String
    /// Hex SHA-256 of the UTF-8 text: the same text is stored once.
    public var contentHash: String

    public init(id: String, url: String? = nil, outlet: String? = nil, title: String? = nil, author: String? = nil,
                section: String? = nil, keywords: [String] = [], published: Date? = nil, ingested: Date,
                text: String, contentHash: String) {
        self.id = id
        self.url = url
        self.outlet = outlet
        self.title = title
        self.author = author
        self.section = section
        self.keywords = keywords
        self.published = published
        self.ingested = ingested
        self.text = text
        self.contentHash = contentHash
    }
}
