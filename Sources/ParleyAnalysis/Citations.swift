import Foundation
import ParleyModel

/// The sentence behind a statement in an analysis, and the document it is in.
public struct Citation: Hashable, Sendable, Codable {
    public var documentID: String?
    public var title: String?
    public var outlet: String?
    public var published: String?
    public var url: String?
    /// The cited sentence (for imported events, which have no text, a description of the record).
    public var sentence: String
    /// The sentence's UTF-8 byte span in the document's text.
    public var span: [Int]?

    public init(documentID: String?, title: String?, outlet: String?, published: String?, url: String?, sentence: String, span: [Int]?) {
        self.documentID = documentID
        self.title = title
        self.outlet = outlet
        self.published = published
        self.url = url
        self.sentence = sentence
        self.span = span
    }
}

/// Numbers citations in order of first use, so every item can carry "[n]" and a Sources list can resolve it.
public struct CitationBook: Sendable {
    public private(set) var sources: [Citation] = []
    private var index: [Citation: Int] = [:]

    public init() {}

    /// The 1-based number of a citation, adding it if new.
    public mutating func cite(_ c: Citation) -> Int {
        if let n = index[c] { return n }
        sources.append(c)
        index[c] = sources.count
        return sources.count
    }
}

/// Country codes to names ("IRN" → "Iran"), from the bundled table.
public struct CountryNames: Sendable {
    public let names: [String: String]
    public let demonyms: [String: String]

    public static let bundled: CountryNames = {
        var n: [String: String] = [:], d: [String: String] = [:]
        if let url = Bundle.module.url(forResource: "Resources/country-names", withExtension: "tsv"),
           let text = try? String(contentsOf: url, encoding: .utf8) {
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count >= 2 else { continue }
                n[f[0]] = f[1]
                if f.count > 2, !f[2].isEmpty { d[f[0]] = f[2] }
            }
        }
        return CountryNames(names: n, demonyms: d)
    }()

    public init(names: [String: String], demonyms: [String: String] = [:]) {
        self.names = names
        self.demonyms = demonyms
    }

    /// International organisations by CAMEO code.
    static let organisations: [String: String] = [
        "IGOUNO": "the United Nations", "IGOUNOIAE": "the IAEA", "IGOEUREEC": "the European Union", "IGOWSTNAT": "NATO",
        "IGOMEAARL": "the Arab League", "IGOAFROAU": "the African Union", "IGOOPC": "OPEC", "IGOUNOHLHWHO": "the WHO",
        "NGOHLHIRC": "the Red Cross", "IGOBUSIMF": "the IMF", "IGOUNODEVWBK": "the World Bank", "IGOUNOKID": "UNICEF",
        "IGOUNOREF": "the UNHCR", "IGOUNOHRI": "the UN Human Rights Council", "IGOBUSWTO": "the WTO",
        "IGOGOS": "the G7", "IGOGOE": "the G8", "IGOBUSGOE": "the G8", "IGOEURSCE": "the OSCE", "IGOSEAASN": "ASEAN",
        "IGOMOSOIC": "the OIC", "IGOMOS": "the OIC", "IGOCAS": "the Shanghai Cooperation Organisation", "IGOWSTBUS": "the OECD",
        "IGOUNOJUDICJ": "the International Court of Justice", "IGOJUDICC": "the International Criminal Court", "IGOOAS": "the OAS",
        "IGOEURCOE": "the Council of Europe", "IGOWAFWAS": "ECOWAS", "IGOCASCIS": "the CIS", "IGOUNOWFP": "the WFP",
        "IGOUNOAGRFAO": "the FAO", "IGOUNOLABILO": "the ILO",
    ]

    /// "Iran" for IRN and IRNGOV; an organisation's name for its code; the code itself otherwise.
    public func name(_ code: String) -> String {
        if let org = Self.organisations[code] { return org }
        if code.hasPrefix("IGO") || code.hasPrefix("NGO"), let org = Self.organisations.first(where: { code.hasPrefix($0.key) })?.value { return org }
        let c = String(code.prefix(3))
        return names[c] ?? code
    }

    /// "Iran (government)" for IRNGOV.
    public func describe(_ code: String) -> String {
        let sectors: [String: String] = ["GOV": "government", "MIL": "military", "LEG": "legislature", "JUD": "judiciary",
                                         "OPP": "opposition", "REB": "rebels", "COP": "police", "BUS": "business",
                                         "MED": "media", "CVL": "civilians", "ELI": "elites", "REF": "refugees",
                                         "SPY": "intelligence", "EDU": "education", "HLH": "health", "LAB": "labour",
                                         "AGR": "agriculture", "ENV": "environment", "CRM": "criminals", "NGO": "NGOs", "IGO": "IGO"]
        guard names[String(code.prefix(3))] != nil else { return code }
        let rest = code.dropFirst(3)
        let sector = stride(from: 0, to: rest.count, by: 3).compactMap { i -> String? in
            let s = rest.dropFirst(i).prefix(3)
            return sectors[String(s)]
        }
        return sector.isEmpty ? name(code) : "\(name(code)) (\(sector.joined(separator: ", ")))"
    }
}
