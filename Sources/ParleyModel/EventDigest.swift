import Foundation

/// The fields of a stored event that series read: its day, actors' codes, code, polarity and weight, without its
/// text or provenance. A store reads these much faster than whole events.
public struct EventDigest: Hashable, Sendable {
    public var id: Int64?
    public var eventDay: Date?
    public var sourceCode: String?
    public var targetCode: String?
    public var cameo: String
    public var negated: Bool
    public var quad: Int
    public var goldstein: Double
    public var mentions: Int

    public init(id: Int64?, eventDay: Date?, sourceCode: String?, targetCode: String?, cameo: String, negated: Bool,
                quad: Int, goldstein: Double, mentions: Int) {
        self.id = id
        self.eventDay = eventDay
        self.sourceCode = sourceCode
        self.targetCode = targetCode
        self.cameo = cameo
        self.negated = negated
        self.quad = quad
        self.goldstein = goldstein
        self.mentions = mentions
    }

    /// The digest of a stored event (the definition a store's digests must equal).
    public init(_ e: StoredEvent) {
        self.init(id: e.id, eventDay: e.eventDay, sourceCode: e.event.source?.code, targetCode: e.event.target?.code,
                  cameo: e.event.cameo, negated: e.event.negated, quad: e.event.quad, goldstein: e.event.goldstein,
                  mentions: e.mentions)
    }
}
