import Foundation
import ParleyModel

/// Reads documents from files, directories and standard input in the formats Parley knows.
/// Every problem is reported with its place and the reading goes on; good documents are never dropped.
public struct InputReader: Sendable {
    public struct Configuration: Sendable {
        public var format: InputFormat = .auto
        /// Publication time for plain text (and JSONL lines without one).
        public var published: Date?
        /// The longest JSONL line accepted; longer lines are reported and skipped.
        public var maxLineBytes = 32 << 20
        /// The largest text, HTML or feed file read whole.
        public var maxFileBytes = 256 << 20
        public init() {}
    }

    public let configuration: Configuration
    public init(configuration: Configuration = .init()) { self.configuration = configuration }

    /// The files a list of paths names: files as given, directories walked recursively (sorted, hidden entries skipped).
    public func expand(_ paths: [String], onError: (IngestError) -> Void) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" { out.append("-"); continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                onError(IngestError(file: path, reason: "no such file or directory"))
                continue
            }
            if !isDir.boolValue { out.append(path); continue }
            guard let walker = fm.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isRegularFileKey],
                                             options: [.skipsHiddenFiles]) else {
                onError(IngestError(file: path, reason: "directory cannot be read"))
                continue
            }
            var files: [String] = []
            for case let url as URL in walker {
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                    files.append(url.path)
                }
            }
            out.append(contentsOf: files.sorted())
        }
        return out
    }

    /// The documents (and errors) of one input, pulled one at a time so a large JSONL file streams.
    public struct Results {
        fileprivate var queue: [ReadResult] = []
        fileprivate var lines: LineReader?
        fileprivate var handle: FileHandle?
        fileprivate let name: String
        fileprivate let reader: InputReader

        public mutating func next() throws -> ReadResult? {
            if !queue.isEmpty { return queue.removeFirst() }
            guard var l = lines else { return nil }
            defer { lines = l }
            while let line = try l.next() {
                switch line {
                case .tooLong(let number, let length):
                    return .failure(IngestError(file: name, line: number,
                                                reason: "line of \(length) bytes exceeds the \(reader.configuration.maxLineBytes)-byte limit"))
                case .line(let number, let bytes):
                    if let r = reader.jsonLine(bytes, number: number, name: name) { return r }
                }
            }
            if let handle, handle !== FileHandle.standardInput { try? handle.close() }
            handle = nil
            return nil
        }
    }

    /// Opens one path ("-" for standard input) for reading.
    public func open(path: String) -> Results {
        let name = path == "-" ? "<stdin>" : path
        var results = Results(name: name, reader: self)
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: path) else {
                results.queue = [.failure(IngestError(file: name, reason: "cannot open for reading (permission denied or not a file)"))]
                return results
            }
            handle = h
        }
        var format = configuration.format
        if format == .auto, path != "-", let byExt = InputFormat.fromExtension(path), byExt != .rss {
            format = byExt
        }
        if format == .jsonl {
            results.lines = LineReader(handle: handle, maxLine: configuration.maxLineBytes)
            results.handle = handle
            return results
        }
        defer { if path != "-" { try? handle.close() } }
        let data: Data
        do {
            data = try handle.read(upToCount: configuration.maxFileBytes + 1) ?? Data()
        } catch {
            results.queue = [.failure(IngestError(file: name, reason: "cannot read: \(error.localizedDescription)"))]
            return results
        }
        if data.count > configuration.maxFileBytes {
            results.queue = [.failure(IngestError(file: name, reason: "file larger than \(configuration.maxFileBytes) bytes"))]
            return results
        }
        let bytes = [UInt8](data)
        if format == .auto { format = InputFormat.sniff(bytes) }
        if format == .jsonl {
            results.queue = readJSONLBytes(bytes, name: name)
            return results
        }
        if UTF8Check.looksBinary(bytes) {
            results.queue = [.failure(IngestError(file: name, reason: "binary file (NUL bytes), not text"))]
            return results
        }
        if let bad = UTF8Check.firstInvalid(bytes) {
            results.queue = [.failure(IngestError(file: name, reason: "invalid UTF-8 at byte \(bad)"))]
            return results
        }
        switch format {
        case .text: results.queue = [readText(bytes, name: name)]
        case .html: results.queue = [readHTML(bytes, name: name)]
        case .rss: results.queue = readFeed(bytes, name: name)
        case .auto, .jsonl: break
        }
        return results
    }

    /// Every result of one path, read whole (convenient for small inputs and tests).
    public func readAll(path: String) throws -> [ReadResult] {
        var r = open(path: path)
        var out: [ReadResult] = []
        while let x = try r.next() { out.append(x) }
        return out
    }

    // MARK: plain text

    func readText(_ bytes: [UInt8], name: String) -> ReadResult {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let text = String(decoding: body, as: UTF8.self)
        guard text.utf8.contains(where: { $0 > 0x20 }) else {
            return .failure(IngestError(file: name, reason: "empty text"))
        }
        let firstLine = text.split(separator: "\n", omittingEmptySubsequences: true).first.map { String($0).trimmingSpaces() }
        var item = IngestedItem(title: firstLine, text: text, file: name)
        item.published = configuration.published ?? Dateline.find(in: text)
        if item.published == nil { item.warnings.append("publication time unknown (no --published and no dateline)") }
        return .item(item)
    }

    // MARK: HTML

    func readHTML(_ bytes: [UInt8], name: String) -> ReadResult {
        do {
            let page = try HTMLReader.read(bytes)
            guard page.body.utf8.contains(where: { $0 > 0x20 }) else {
                return .failure(IngestError(file: name, reason: "HTML has no article text"))
            }
            var item = IngestedItem(url: page.url, outlet: page.outlet, title: page.title, author: page.author,
                                    section: page.section, keywords: page.keywords,
                                    published: configuration.published ?? page.published, text: page.body, file: name)
            if item.published == nil, let d = Dateline.find(in: page.body) { item.published = d }
            if item.published == nil { item.warnings.append("publication time unknown") }
            return .item(item)
        } catch {
            return .failure(IngestError(file: name, reason: error.reason))
        }
    }

    // MARK: feeds

    func readFeed(_ bytes: [UInt8], name: String) -> [ReadResult] {
        let feed: FeedReader.Feed
        do { feed = try FeedReader.read(bytes) } catch {
            return [.failure(IngestError(file: name, reason: error.reason))]
        }
        if feed.entries.isEmpty {
            return [.failure(IngestError(file: name, reason: "feed has no items"))]
        }
        var out: [ReadResult] = []
        for e in feed.entries {
            guard e.text.utf8.contains(where: { $0 > 0x20 }) else {
                out.append(.failure(IngestError(file: name, item: e.index, reason: "item has no content or description")))
                continue
            }
            var item = IngestedItem(url: e.link, outlet: IngestedItem.outlet(fromURL: e.link) ?? feed.title, title: e.title,
                                    author: e.author, keywords: e.categories, published: e.published ?? configuration.published,
                                    text: e.text, file: name, item: e.index)
            if e.published == nil, let raw = e.rawDate { item.warnings.append("unreadable date '\(raw.prefix(40))'") }
            out.append(.item(item))
        }
        return out
    }

    // MARK: JSONL

    func readJSONLBytes(_ bytes: [UInt8], name: String) -> [ReadResult] {
        var out: [ReadResult] = []
        var number = 1
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if end - start > configuration.maxLineBytes {
                out.append(.failure(IngestError(file: name, line: number, reason: "line of \(end - start) bytes exceeds the \(configuration.maxLineBytes)-byte limit")))
            } else if let r = jsonLine(Array(bytes[start..<end]), number: number, name: name) {
                out.append(r)
            }
            number += 1
            start = end + 1
        }
        return out
    }

    /// One JSONL line → a document or an error; nil for a blank line.
    public func jsonLine(_ raw: [UInt8], number: Int, name: String) -> ReadResult? {
        var bytes = raw[...]
        if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        while let l = bytes.last, l == 0x0D || l == 0x20 || l == 0x09 { bytes = bytes.dropLast() }
        guard bytes.contains(where: { $0 > 0x20 }) else { return nil }
        func fail(_ reason: String) -> ReadResult { .failure(IngestError(file: name, line: number, reason: reason)) }
        if let bad = bytes.withUnsafeBufferPointer({ UTF8Check.firstInvalid($0) }) {
            return fail("invalid UTF-8 at byte \(bad) of the line")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            return fail("malformed JSON")
        }
        guard let o = object as? [String: Any] else { return fail("not a JSON object") }
        guard let textValue = o["text"] else { return fail("missing field 'text'") }
        guard let text = textValue as? String else { return fail("field 'text' is not a string") }
        guard text.utf8.contains(where: { $0 > 0x20 }) else { return fail("empty text") }
        var item = IngestedItem(text: text, file: name, line: number)
        switch o["id"] {
        case let s as String: item.id = s.isEmpty ? nil : s
        case let n as NSNumber: item.id = n.stringValue
        case nil, is NSNull: break
        default: return fail("field 'id' is neither a string nor a number")
        }
        func string(_ key: String) -> String? {
            guard let v = o[key] else { return nil }
            if let s = v as? String { return s.isEmpty ? nil : s }
            if !(v is NSNull) { item.warnings.append("field '\(key)' is not a string; ignored") }
            return nil
        }
        item.url = string("url")
        item.title = string("title")
        item.author = string("author")
        item.section = string("section")
        item.outlet = string("outlet") ?? IngestedItem.outlet(fromURL: item.url)
        switch o["keywords"] {
        case let s as String: item.keywords = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case let a as [Any]: item.keywords = a.compactMap { $0 as? String }
        default: break
        }
        if let p = string("published") {
            if let d = Timestamp.parse(p) ?? RFC822.parse(p) { item.published = d }
            else { item.warnings.append("field 'published' ('\(p.prefix(40))') is not a readable time; stored as unknown") }
        }
        if item.published == nil { item.published = configuration.published }
        return .item(item)
    }
}
