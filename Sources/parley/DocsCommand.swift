import ArgumentParser
import Foundation
import ParleyModel
import ParleyStore

struct DocsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "docs", abstract: "List stored documents.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Published at or after this time (ISO 8601).") var since: String?
    @Option(help: "Published at or before this time (ISO 8601).") var until: String?
    @Option(help: "Only this outlet (e.g. voanews.com).") var outlet: String?
    @Option(help: "At most this many documents.") var limit: Int?
    @Flag(help: "One JSON object a line.") var json = false

    func run() async throws {
        var q = DocumentQuery(outlet: outlet, limit: limit)
        if let since { q.since = try parseTimeOption(since, name: "--since") }
        if let until { q.until = try parseTimeOption(until, name: "--until").endOfDayIfDate(until) }
        let docs = try await store.open().documents(q)
        if json {
            for d in docs { print(try JSONLine.encode(DocumentLine(d))) }
        } else {
            printDocumentTable(docs)
        }
    }
}

/// A document as `docs --json` prints it.
struct DocumentLine: Encodable {
    var id: String
    var title: String?
    var published: String?
    var ingested: String
    var url: String?
    var outlet: String?
    var author: String?
    var section: String?
    var keywords: [String]
    var characters: Int

    init(_ d: StoredDocument) {
        id = d.id
        title = d.title
        published = d.published.map(Timestamp.format)
        ingested = Timestamp.format(d.ingested)
        url = d.url
        outlet = d.outlet
        author = d.author
        section = d.section
        keywords = d.keywords
        characters = d.text.unicodeScalars.count
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(published, forKey: .published)
        try c.encode(ingested, forKey: .ingested)
        try c.encode(url, forKey: .url)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(author, forKey: .author)
        try c.encode(section, forKey: .section)
        try c.encode(keywords, forKey: .keywords)
        try c.encode(characters, forKey: .characters)
    }

    enum CodingKeys: String, CodingKey { case id, title, published, ingested, url, outlet, author, section, keywords, characters }
}

func printDocumentTable(_ docs: [StoredDocument]) {
    func pad(_ s: String, _ n: Int) -> String {
        let c = s.count
        return c >= n ? String(s.prefix(n - 1)) + "…" : s + String(repeating: " ", count: n - c)
    }
    print(pad("published", 21) + pad("outlet", 16) + pad("id", 18) + "title")
    for d in docs {
        print(pad(d.published.map(Timestamp.format) ?? "unknown", 21) + pad(d.outlet ?? "-", 16) + pad(d.id, 18) + (d.title ?? ""))
    }
    print("\(docs.count) document\(docs.count == 1 ? "" : "s")")
}

extension Date {
    /// A bare date as an upper bound means the whole day.
    func endOfDayIfDate(_ option: String) -> Date {
        option.utf8.count == 10 ? addingTimeInterval(86_399.999) : self
    }
}
