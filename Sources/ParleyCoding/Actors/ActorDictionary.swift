import Foundation

/// One dictionary entry: a phrase and the CAMEO code it stands for, possibly for a date range.
public struct ActorEntry: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A country's name, adjective or demonym ("Iran", "Iranian").
        case country
        /// A capital, read as a metonym for the government ("Tehran said").
        case capital
        /// An institution with a full code ("the White House" → USAGOV).
        case org
        /// Intergovernmental organisation (IGO…).
        case igo
        /// Non-governmental organisation (NGO…).
        case ngo
        /// A non-state armed group.
        case group
        /// A named person.
        case person
        /// A role noun ("foreign minister", "troops"): `code` is a sector.
        case agent
    }

    public var phrase: String
    public var code: String
    /// First and last day the code applies, as yyyymmdd; nil for an open end.
    public var from: Int?
    public var until: Int?
    public var person: String?
    public var kind: Kind

    public init(phrase: String, code: String, from: Int? = nil, until: Int? = nil, person: String? = nil, kind: Kind) {
        self.phrase = phrase
        self.code = code
        self.from = from
        self.until = until
        self.person = person
        self.kind = kind
    }

    public var isDated: Bool { from != nil || until != nil }

    /// Whether the code applies on `day` (yyyymmdd).
    public func applies(on day: Int) -> Bool {
        if let from, day < from { return false }
        if let until, day > until { return false }
        return true
    }
}

/// Actor dictionaries: country names, capitals, institutions, international organisations,
/// armed groups and people (with the dates their codes apply), and role nouns (agents) that
/// give sectors. Phrases are kept in a word trie keyed by the hashes `ActorScan` computes.
///
/// File format (the bundled `actors.tsv` and user files alike), one entry a line, `#` comments:
///
///     phrase TAB code [TAB dates [TAB person [TAB kind]]]
///
/// dates: empty or `YYYYMMDD-YYYYMMDD` (either side may be empty); kind: country, capital, org,
/// igo, ngo, group, person, agent (default: person when a person is named, else org).
/// Casing of the phrase sets how it matches: a word in CAPITALS must appear in capitals ("US"
/// never matches "us"); a Capitalised word must start with a capital ("Turkey", not "turkey");
/// a lower-case word matches in any case. Agents files (`agents.tsv`) hold `phrase TAB sector`.
public struct ActorDictionary: Sendable {
    /// A malformed line in a dictionary file; the rest of the file still loads.
    public struct Issue: Error, Hashable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public private(set) var entries: [ActorEntry] = []
    /// Problems met while loading (file:line and what was wrong).
    public private(set) var issues: [Issue] = []

    // Trie over word hashes: vocabulary maps a word hash to a word id; an edge key is
    // (node << 32 | word id). Node 0 is the root.
    private var vocabulary = FlatTable(bits: 16)
    private var edges = FlatTable(bits: 17)
    private var nodeEntries: [[Int32]] = [[]]
    /// Children of the root by word id (dense), -1 when none.
    private var rootChild: [Int32] = []
    /// Surnames of people (last word of a name of two or more words) → the name's trie node;
    /// -1 when the surname belongs to more than one person.
    private var surnameNodes: [UInt64: Int32] = [:]
    private var surnameOwners: [UInt64: String] = [:]
    /// Per node: 1 has entries, 2 has children.
    private var nodeFlags: [UInt8] = [0]
    /// Per entry: 2 bits a word for the case rule (0 any, 1 capitalised, 2 capitals).
    private var caseRules: [UInt64] = []
    private var wordCounts: [UInt8] = []
    /// Per entry: kind, first and last day (0 and Int32.max when open), for matching without copying entries.
    private(set) var entryKind: [ActorEntry.Kind] = []
    private(set) var entryFrom: [Int32] = []
    private(set) var entryUntil: [Int32] = []

    public init() {}

    /// The bundled dictionaries (actors.tsv, agents.tsv), plus user files in the same format.
    /// Malformed user lines are collected in `issues`; an unreadable file throws.
    public static func load(userFiles: [URL] = []) throws -> ActorDictionary {
        var d = try bundled()
        for url in userFiles {
            let text = try String(contentsOf: url, encoding: .utf8)
            d.add(tsv: text, file: url.lastPathComponent)
        }
        return d
    }

    /// The bundled dictionaries only, loaded once per process.
    public static func bundled() throws -> ActorDictionary {
        if let d = cache.value { return d }
        guard let actors = Bundle.module.url(forResource: "actors", withExtension: "tsv", subdirectory: "Resources"),
              let agents = Bundle.module.url(forResource: "agents", withExtension: "tsv", subdirectory: "Resources")
        else { throw CocoaError(.fileNoSuchFile) }
        var d = ActorDictionary()
        d.add(tsv: try String(contentsOf: actors, encoding: .utf8), file: "actors.tsv")
        d.add(tsv: try String(contentsOf: agents, encoding: .utf8), file: "agents.tsv", defaultKind: .agent)
        cache.value = d
        return d
    }

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: ActorDictionary?
        var value: ActorDictionary? {
            get { lock.lock(); defer { lock.unlock() }; return stored }
            set { lock.lock(); stored = newValue; lock.unlock() }
        }
    }
    private static let cache = Cache()

    /// Adds the entries of a TSV text; malformed lines become `issues` naming `file:line`.
    /// With `defaultKind: .agent` two-column lines read as `phrase TAB sector`.
    @discardableResult
    public mutating func add(tsv text: String, file: String, defaultKind: ActorEntry.Kind? = nil) -> [Issue] {
        var found: [Issue] = []
        var copy = text
        copy.withUTF8 { buf in
            var lineNo = 0
            var i = 0
            let n = buf.count
            var cols: [(Int, Int)] = []
            func str(_ r: (Int, Int)) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: buf[r.0..<r.1]), as: UTF8.self)
            }
            while i < n {
                lineNo += 1
                var e = i
                while e < n && buf[e] != 0x0A { e += 1 }
                let lineStart = i
                var lineEnd = e
                i = e + 1
                if lineEnd > lineStart && buf[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineEnd == lineStart || buf[lineStart] == UInt8(ascii: "#") { continue }
                // split on tabs, trimming spaces around each column
                cols.removeAll(keepingCapacity: true)
                var c = lineStart
                var blank = true
                while true {
                    var ce = c
                    while ce < lineEnd && buf[ce] != 0x09 { ce += 1 }
                    var a = c, b = ce
                    while a < b && buf[a] == 0x20 { a += 1 }
                    while b > a && buf[b - 1] == 0x20 { b -= 1 }
                    if b > a { blank = false }
                    cols.append((a, b))
                    if ce >= lineEnd { break }
                    c = ce + 1
                }
                if blank { continue }
                func fail(_ message: String) { found.append(Issue(file: file, line: lineNo, message: message)) }
                guard cols.count >= 2 else { fail("expected phrase TAB code, found no tab"); continue }
                guard cols.count <= 5 else { fail("too many columns (\(cols.count)); expected at most 5"); continue }
                guard cols[0].1 > cols[0].0 else { fail("empty phrase"); continue }
                let codeOK = cols[1].1 - cols[1].0 >= 3 && (cols[1].0..<cols[1].1).allSatisfy {
                    (buf[$0] >= 0x41 && buf[$0] <= 0x5A) || (buf[$0] >= 0x30 && buf[$0] <= 0x39)
                }
                guard codeOK else { fail("bad code '\(str(cols[1]))': expected 3 or more capital letters or digits"); continue }
                var from: Int?, until: Int?
                if cols.count >= 3, cols[2].1 > cols[2].0 {
                    guard let r = Self.parseRange(str(cols[2])) else {
                        fail("bad date range '\(str(cols[2]))': expected YYYYMMDD-YYYYMMDD"); continue
                    }
                    (from, until) = r
                }
                let person = cols.count >= 4 && cols[3].1 > cols[3].0 ? str(cols[3]) : nil
                var kind = defaultKind ?? (person != nil ? .person : .org)
                if cols.count >= 5, cols[4].1 > cols[4].0 {
                    let k = str(cols[4])
                    guard let kk = ActorEntry.Kind(rawValue: k) else {
                        fail("unknown kind '\(k)'; expected one of \(ActorEntry.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                        continue
                    }
                    kind = kk
                }
                let phrase = str(cols[0])
                guard insert(ActorEntry(phrase: phrase, code: str(cols[1]), from: from, until: until, person: person, kind: kind)) else {
                    fail("phrase '\(phrase)' has no words"); continue
                }
            }
        }
        issues.append(contentsOf: found)
        return found
    }

    /// Adds one entry; false when the phrase has no words.
    @discardableResult
    public mutating func insert(_ entry: ActorEntry) -> Bool {
        let words = ActorScan.words(of: entry.phrase)
        guard !words.isEmpty, words.count <= 32 else { return false }
        var node: Int32 = 0
        var rules: UInt64 = 0
        for (n, w) in words.enumerated() {
            let id: UInt32
            if let v = vocabulary.get(w.hash) { id = UInt32(v) } else {
                id = UInt32(vocabulary.count)
                vocabulary.set(w.hash, Int32(id))
            }
            let key = UInt64(UInt32(node)) << 32 | UInt64(id)
            if let child = edges.get(key) { node = child } else {
                let child = Int32(nodeEntries.count)
                nodeEntries.append([])
                nodeFlags.append(0)
                nodeFlags[Int(node)] |= 2
                edges.set(key, child)
                if node == 0 {
                    while rootChild.count <= Int(id) { rootChild.append(-1) }
                    rootChild[Int(id)] = child
                }
                node = child
            }
            // case rule from the phrase as written
            var rule: UInt64 = 0
            if entry.kind != .agent, w.shape & ActorWord.hasLetter != 0 {
                if w.isAllUpper && w.end - w.start >= 2 { rule = 2 } else if w.isFirstUpper || w.isAllUpper { rule = 1 }
            }
            rules |= rule << (2 * UInt64(n))
        }
        let index = Int32(entries.count)
        entries.append(entry)
        entryKind.append(entry.kind)
        entryFrom.append(Int32(entry.from ?? 0))
        entryUntil.append(Int32(entry.until ?? Int(Int32.max)))
        caseRules.append(rules)
        wordCounts.append(UInt8(words.count))
        nodeEntries[Int(node)].append(index)
        nodeFlags[Int(node)] |= 1
        if entry.kind == .person, words.count >= 2, let last = words.last, !last.isPossessive, last.end - last.start >= 3 {
            let owner = entry.person ?? entry.phrase
            if let o = surnameOwners[last.hash] {
                if o != owner { surnameNodes[last.hash] = -1 }
            } else {
                surnameOwners[last.hash] = owner
                surnameNodes[last.hash] = node
            }
        }
        return true
    }

    static func parseRange(_ s: String) -> (Int?, Int?)? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        func day(_ p: Substring) -> Int?? {
            if p.isEmpty { return .some(nil) }
            guard p.utf8.count == 8, let v = Int(p) else { return nil }
            return .some(v)
        }
        guard let a = day(parts[0]), let b = day(parts[1]) else { return nil }
        if a == nil && b == nil { return nil }
        return (a, b)
    }

    // MARK: matching

    @inline(__always)
    func wordID(_ hash: UInt64) -> UInt32? { vocabulary.get(hash).map { UInt32($0) } }

    @inline(__always)
    func child(_ node: Int32, _ word: UInt32) -> Int32? {
        if node == 0 {
            let c = Int(word) < rootChild.count ? rootChild[Int(word)] : -1
            return c < 0 ? nil : c
        }
        if nodeFlags[Int(node)] & 2 == 0 { return nil }
        return edges.get(UInt64(UInt32(node)) << 32 | UInt64(word))
    }

    @inline(__always)
    func childSlow(_ node: Int32, _ word: UInt32) -> Int32? { edges.get(UInt64(UInt32(node)) << 32 | UInt64(word)) }

    @inline(__always)
    func entriesAt(_ node: Int32) -> [Int32] { nodeEntries[Int(node)] }

    /// The trie node of the one person whose name ends in this word, if exactly one does.
    func surnameNode(_ hash: UInt64) -> Int32? {
        guard let n = surnameNodes[hash], n >= 0 else { return nil }
        return n
    }

    @inline(__always)
    func hasEntries(_ node: Int32) -> Bool { nodeFlags[Int(node)] & 1 != 0 }

    /// Whether entry `e` accepts the casing of `words[from..<from+count]`.
    @inline(__always)
    func caseMatches(_ e: Int32, _ words: UnsafeBufferPointer<ActorWord>, from: Int) -> Bool {
        var rules = caseRules[Int(e)]
        if rules == 0 { return true }
        var i = from
        while rules != 0 {
            let r = rules & 3
            let w = words[i]
            if r == 2 { if !w.isAllUpper { return false } }
            else if r == 1 { if !(w.isFirstUpper || w.isAllUpper) || w.shape & ActorWord.hasLetter == 0 { return false } }
            rules >>= 2
            i += 1
        }
        return true
    }

    public var count: Int { entries.count }

    /// Coverage counts: distinct codes (or people) by kind.
    public func coverage() -> [ActorEntry.Kind: Int] {
        var sets: [ActorEntry.Kind: Set<String>] = [:]
        for e in entries {
            switch e.kind {
            case .person: sets[.person, default: []].insert(e.person ?? e.phrase)
            case .agent: sets[.agent, default: []].insert(e.phrase)
            case .country, .capital: sets[e.kind, default: []].insert(String(e.code.prefix(3)))
            default: sets[e.kind, default: []].insert(e.code)
            }
        }
        return sets.mapValues(\.count)
    }
}
