import Foundation

/// Capitals, major cities, regions and geographic features with their country (ISO 3166 alpha-3),
/// from the bundled `places.tsv` (`place TAB ISO3 TAB kind`), matched by the same normalised words
/// as actor phrases (case and accents folded, "al-" and "al " alike).
public struct PlaceGazetteer: Sendable {
    public struct Place: Hashable, Sendable {
        public var name: String
        public var country: String
        /// capital, city, region or feature.
        public var kind: String
    }

    private var byKey: [UInt64: Place] = [:]
    public var count: Int { byKey.count }

    public init(tsv: String) {
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 2, !cols[0].isEmpty, !cols[1].isEmpty else { continue }
            let place = Place(name: String(cols[0]), country: String(cols[1]), kind: cols.count > 2 ? String(cols[2]) : "city")
            let key = Self.key(place.name)
            if byKey[key] == nil { byKey[key] = place }
        }
    }

    /// The bundled gazetteer.
    public static func bundled() throws -> PlaceGazetteer {
        guard let url = Bundle.module.url(forResource: "places", withExtension: "tsv", subdirectory: "Resources") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return PlaceGazetteer(tsv: try String(contentsOf: url, encoding: .utf8))
    }

    /// The place a name stands for ("Isfahan" → IRN city), if known.
    public func place(named name: String) -> Place? { byKey[Self.key(name)] }

    static func key(_ s: String) -> UInt64 {
        var h: UInt64 = 0
        for w in ActorScan.words(of: s) where !w.isPossessive { h = ActorScan.combine(h, w.hash) }
        return h
    }
}
