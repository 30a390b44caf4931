import ArgumentParser
import Foundation
import ParleyCoding
import ParleyIngest
import ParleyModel
import ParleyStore

struct AnnotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Print Parley's reading of documents as JSON, one object a line (see docs/annotate-schema.md).",
        discussion: "Reads plain text (one document) or JSONL (one document a line: id, text, optional published, title, url, outlet)."
    )

    @Option(help: "Comma-separated layers among sentences, tokens, dates, quotes, actors, events (default: all but tokens).")
    var layers: String?

    @Option(help: "Input kind: text or jsonl (default: jsonl for .jsonl files or input starting with '{', else text).")
    var input: String?

    @Option(help: "Publication time for plain text and JSONL lines without one (ISO 8601).")
    var published: String?

    @Argument(help: "A file, or - for standard input (the default).")
    var file: String = "-"

    func run() async throws {
        var chosen = AnnotationJSON.defaultLayers
        if let layers {
            chosen = try layers.split(separator: ",").map { name in
                guard let l = AnnotationJSON.Layer(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--layers: '\(name)' is not one of \(AnnotationJSON.Layer.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return l
            }
        }
        let anchor = try published.map { try parseTimeOption($0, name: "--published") }
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): cannot read") }
            data = d
        }
        var kind = input
        if kind == nil {
            let first = data.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
            kind = file.hasSuffix(".jsonl") || first == UInt8(ascii: "{") ? "jsonl" : "text"
        }
        let pipeline = try CodingEngine.pipeline()
        let name = file == "-" ? "<stdin>" : file
        var failed = 0
        switch kind {
        case "text":
            guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
                throw ValidationError("\(name): invalid UTF-8")
            }
            var doc = Document(id: String(ContentHash.of(text).prefix(16)), text: text, published: anchor)
            try pipeline.run(&doc)
            print(try AnnotationJSON.line(AnnotationJSON.object(doc, layers: chosen)))
        case "jsonl":
            var config = InputReader.Configuration()
            config.published = anchor
            let reader = InputReader(configuration: config)
            let bytes = [UInt8](data)
            var lineNo = 0
            for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                lineNo += 1
                guard let result = reader.jsonLine(Array(line), number: lineNo, name: name) else { continue }
                switch result {
                case .failure(let e):
                    failed += 1
                    Console.error("error: \(e)")
                case .item(let item):
                    var doc = Document(id: item.id ?? String(ContentHash.of(item.text).prefix(16)), text: item.text, published: item.published)
                    do {
                        try pipeline.run(&doc)
                        print(try AnnotationJSON.line(AnnotationJSON.object(doc, layers: chosen)))
                    } catch {
                        failed += 1
                        Console.error("error: \(name):\(lineNo): \(error)")
                    }
                }
            }
        default:
            throw ValidationError("--input: '\(kind ?? "")' is not text or jsonl")
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
