import Foundation
import ParleyModel
import Testing
@testable import ParleyIngest

/// A scratch folder per test, removed afterwards.
final class Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let u = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: u)
        return u.path
    }
}

func items(_ results: [ReadResult]) -> [IngestedItem] {
    results.compactMap { if case .item(let i) = $0 { i } else { nil } }
}

func failures(_ results: [ReadResult]) -> [IngestError] {
    results.compactMap { if case .failure(let e) = $0 { e } else { nil } }
}

@Suite struct PlainTextTests {
    @Test func titleIsFirstLineAndDatelineGivesTime() throws {
        let s = try Scratch()
        let path = try s.write("seed.txt", """
            Navigating the Impasse: Iran-US Relations

            As of November 12, 2025, at 21:48:07, the landscape of Iran-US relations remains deeply entrenched in stalemate.
            """)
        let r = try InputReader().readAll(path: path)
        let item = try #require(items(r).first)
        #expect(item.title == "Navigating the Impasse: Iran-US Relations")
        #expect(item.published.map(Timestamp.format) == "2025-11-12T21:48:07Z")
        #expect(item.text.hasPrefix("Navigating"))
    }

    @Test func publishedOptionWins() throws {
        let s = try Scratch()
        let path = try s.write("a.txt", "Headline\nAs of November 12, 2025, something happened.")
        var c = InputReader.Configuration()
        c.published = Timestamp.parse("2024-01-02T03:04:05Z")
        let item = try #require(items(try InputReader(configuration: c).readAll(path: path)).first)
        #expect(item.published.map(Timestamp.format) == "2024-01-02T03:04:05Z")
    }

    @Test func unknownTimeIsSaid() throws {
        let s = try Scratch()
        let path = try s.write("a.txt", "Headline\nNo date anywhere here.")
        let item = try #require(items(try InputReader().readAll(path: path)).first)
        #expect(item.published == nil)
        #expect(item.warnings.contains { $0.contains("unknown") })
    }

    @Test(arguments: [
        ("WASHINGTON, Nov. 12, 2025 — Officials said", "2025-11-12T00:00:00Z"),
        ("Published 12 November 2025 09:30 by staff", "2025-11-12T09:30:00Z"),
        ("Posted 2025-11-12T21:48:07Z", "2025-11-12T21:48:07Z"),
        ("On Sept. 3, 2024, at 7:05 the talks began", "2024-09-03T07:05:00Z"),
    ])
    func datelines(text: String, expected: String) {
        #expect(Dateline.find(in: "Title\n" + text).map(Timestamp.format) == expected)
    }

    @Test func emptyInvalidAndBinaryFilesAreErrors() throws {
        let s = try Scratch()
        let empty = try s.write("empty.txt", "  \n\t\n")
        let bad = try s.write("bad.txt", [0x48, 0x69, 0x20, 0xC3, 0x28, 0x0A])
        let bin = try s.write("bin.txt", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x00, 0x01])
        #expect(failures(try InputReader().readAll(path: empty)).first?.reason == "empty text")
        #expect(failures(try InputReader().readAll(path: bad)).first?.reason == "invalid UTF-8 at byte 3")
        #expect(failures(try InputReader().readAll(path: bin)).first?.reason.contains("binary") == true)
        #expect(failures(try InputReader().readAll(path: s.url.path + "/missing.txt")).first?.reason.contains("cannot open") == true)
    }
}

@Suite struct JSONLTests {
    @Test func brokenLineThreeOfFive() throws {
        let s = try Scratch()
        let lines = [
            #"{"id": "a", "text": "First story.", "published": "2025-03-14 20:30:26Z", "url": "https://www.voanews.com/a/1.html"}"#,
            #"{"id": 2, "text": "Second story.", "keywords": "Iran, Nuclear"}"#,
            #"{"id": "c", "text": "Third story."#,
            #"{"id": "d", "text": "Fourth story.", "keywords": ["x", "y"], "outlet": "VOA"}"#,
            #"{"id": "e", "text": "Fifth story.", "published": "not a date"}"#,
        ]
        let path = try s.write("five.jsonl", lines.joined(separator: "\n") + "\n")
        let r = try InputReader().readAll(path: path)
        let good = items(r)
        #expect(good.map(\.id) == ["a", "2", "d", "e"])
        #expect(failures(r).map(\.line) == [3])
        #expect(failures(r).first?.reason == "malformed JSON")
        #expect(good[0].outlet == "voanews.com")
        #expect(good[0].published.map(Timestamp.format) == "2025-03-14T20:30:26Z")
        #expect(good[1].keywords == ["Iran", "Nuclear"])
        #expect(good[2].keywords == ["x", "y"] && good[2].outlet == "VOA")
        #expect(good[3].published == nil && good[3].warnings.first?.contains("published") == true)
    }

    @Test(arguments: [
        (#"[1, 2]"#, "not a JSON object"),
        (#"{"id": "x"}"#, "missing field 'text'"),
        (#"{"text": 5}"#, "field 'text' is not a string"),
        (#"{"text": "   "}"#, "empty text"),
        (#"{"text": "ok", "id": {"a": 1}}"#, "field 'id' is neither a string nor a number"),
    ])
    func badLines(line: String, reason: String) throws {
        let s = try Scratch()
        let path = try s.write("x.jsonl", #"{"text": "good"}"# + "\n" + line + "\n")
        let r = try InputReader().readAll(path: path)
        #expect(items(r).count == 1)
        #expect(failures(r).map(\.reason) == [reason])
        #expect(failures(r).map(\.line) == [2])
    }

    @Test func invalidUTF8LineIsReportedAndNeighboursKept() throws {
        let s = try Scratch()
        var bytes = Array(#"{"text": "one"}"#.utf8) + [0x0A]
        bytes += Array(#"{"text": "t"#.utf8) + [0xFF, 0xFE] + Array(#"wo"}"#.utf8) + [0x0A]
        bytes += Array(#"{"text": "three"}"#.utf8) + [0x0A]
        let path = try s.write("u.jsonl", bytes)
        let r = try InputReader().readAll(path: path)
        #expect(items(r).map(\.text) == ["one", "three"])
        #expect(failures(r).first?.line == 2)
        #expect(failures(r).first?.reason.contains("invalid UTF-8") == true)
    }

    @Test func hugeLineIsSkippedWithoutLoading() throws {
        let s = try Scratch()
        var text = #"{"text": "before"}"# + "\n"
        text += #"{"text": ""# + String(repeating: "x", count: 300_000) + "\"}\n"
        text += #"{"text": "after"}"#  // no final newline
        let path = try s.write("big.jsonl", text)
        var c = InputReader.Configuration()
        c.maxLineBytes = 100_000
        let r = try InputReader(configuration: c).readAll(path: path)
        #expect(items(r).map(\.text) == ["before", "after"])
        #expect(failures(r).map(\.line) == [2])
        #expect(failures(r).first?.reason.contains("exceeds") == true)
    }

    @Test func crlfAndBlankLinesAndBOM() throws {
        let s = try Scratch()
        let path = try s.write("w.jsonl", [0xEF, 0xBB, 0xBF] + Array("{\"text\": \"a\"}\r\n\r\n{\"text\": \"b\"}\r\n".utf8))
        let r = try InputReader().readAll(path: path)
        #expect(items(r).map(\.text) == ["a", "b"])
        #expect(failures(r).isEmpty)
    }
}

@Suite struct HTMLTests {
    static let page = """
        <!doctype html><html><head><title>Site | Talks</title>
        <meta property="og:site_name" content="Example News">
        <meta property="article:published_time" content="2025-11-09T10:00:00Z">
        <meta name="author" content="Jane Doe"><meta name="keywords" content="Iran, United States">
        <meta property="article:section" content="World">
        <link rel="canonical" href="https://example.com/iran-talks">
        <script>document.write("<p>not text</p>")</script><style>p { color: red }</style></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav><header>Example News masthead</header>
        <article><h1>Iran rejects talks</h1>
        <p>TEHRAN — Iran's foreign minister said on Sunday there is no possibility of talks.</p>
        <div class="social-share">Share on X</div>
        <p>He said talks must be grounded in &quot;equality&quot; &amp; shared interests.</p>
        <script>alert("x")</script></article>
        <aside>Related: other stories</aside><footer>Copyright 2025</footer></body></html>
        """

    @Test func articleMetadataAndBody() throws {
        let page = try HTMLReader.read(Array(Self.page.utf8))
        #expect(page.title == "Iran rejects talks")
        #expect(page.published.map(Timestamp.format) == "2025-11-09T10:00:00Z")
        #expect(page.author == "Jane Doe")
        #expect(page.section == "World")
        #expect(page.keywords == ["Iran", "United States"])
        #expect(page.url == "https://example.com/iran-talks")
        #expect(page.outlet == "Example News")
        #expect(page.body == """
            Iran rejects talks
            TEHRAN — Iran's foreign minister said on Sunday there is no possibility of talks.
            He said talks must be grounded in "equality" & shared interests.
            """)
    }

    @Test func jsonLDAndTimeElement() throws {
        let html = """
            <html><head><script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle",
            "headline":"Headline from LD","datePublished":"2024-05-06T07:08:09+02:00","author":[{"name":"A"},{"name":"B"}]}]}</script>
            </head><body><main><p>Body text here.</p></main></body></html>
            """
        let page = try HTMLReader.read(Array(html.utf8))
        #expect(page.title == "Headline from LD")
        #expect(page.published.map(Timestamp.format) == "2024-05-06T05:08:09Z")
        #expect(page.author == "A, B")
        #expect(page.body == "Body text here.")
        let t = try HTMLReader.read(Array(#"<body><p><time datetime="2023-01-02">Jan 2</time> Talks resumed.</p></body>"#.utf8))
        #expect(t.published.map(Timestamp.format) == "2023-01-02T00:00:00Z")
    }

    @Test func deeplyNestedHTMLDoesNotCrash() throws {
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "deep text" + String(repeating: "</div>", count: depth) + "</body></html>"
        let page = try HTMLReader.read(Array(html.utf8))
        // libxml2 caps nesting; whatever it keeps, the reader must return without exhausting the stack.
        #expect(page.body.count < 100)
    }

    @Test func scriptOnlyPageHasNoText() throws {
        let s = try Scratch()
        let path = try s.write("x.html", "<html><body><script>var a = 1;</script><nav>Menu</nav></body></html>")
        #expect(failures(try InputReader().readAll(path: path)).first?.reason == "HTML has no article text")
    }
}

@Suite struct FeedTests {
    @Test func rss2() throws {
        let rss = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>World News</title>
            <item><title>First &amp; foremost</title><link>https://news.example.org/1</link>
              <pubDate>Wed, 12 Nov 2025 21:48:07 GMT</pubDate><dc:creator>Reporter One</dc:creator><category>Iran</category>
              <description>&lt;p&gt;Iran said &lt;b&gt;no&lt;/b&gt; to talks.&lt;/p&gt;</description></item>
            <item><title>Second</title><link>https://news.example.org/2</link><pubDate>10 Nov 2025 08:00 +0200</pubDate>
              <content:encoded><![CDATA[<p>Full text of the second story.</p>]]></content:encoded><description>short</description></item>
            <item><title>Empty</title><link>https://news.example.org/3</link></item>
            </channel></rss>
            """
        let s = try Scratch()
        let path = try s.write("feed.rss", rss)
        let r = try InputReader().readAll(path: path)
        let good = items(r)
        #expect(good.count == 2)
        #expect(good[0].title == "First & foremost")
        #expect(good[0].text == "Iran said no to talks.")
        #expect(good[0].published.map(Timestamp.format) == "2025-11-12T21:48:07Z")
        #expect(good[0].author == "Reporter One" && good[0].keywords == ["Iran"])
        #expect(good[0].outlet == "news.example.org" && good[0].item == 1)
        #expect(good[1].text == "Full text of the second story.")
        #expect(good[1].published.map(Timestamp.format) == "2025-11-10T06:00:00Z")
        #expect(failures(r).map(\.item) == [3])
    }

    @Test func atom() throws {
        let atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
            <entry><title type="html">Talks &lt;em&gt;stall&lt;/em&gt;</title><link rel="alternate" href="https://a.example/1"/>
              <updated>2025-11-12T21:48:07Z</updated><author><name>Writer</name></author>
              <content type="html">&lt;p&gt;Talks stalled again.&lt;/p&gt;</content></entry>
            <entry><title>Plain</title><link href="https://a.example/2"/><published>2025-11-11T00:00:00Z</published>
              <summary>Summary only.</summary></entry>
            </feed>
            """
        let s = try Scratch()
        let path = try s.write("feed.atom", atom)
        let good = items(try InputReader().readAll(path: path))
        #expect(good.map(\.title) == ["Talks stall", "Plain"])
        #expect(good.map(\.text) == ["Talks stalled again.", "Summary only."])
        #expect(good[0].author == "Writer" && good[0].url == "https://a.example/1")
        #expect(good.map { $0.published.map(Timestamp.format) } == ["2025-11-12T21:48:07Z", "2025-11-11T00:00:00Z"])
    }

    @Test func entityExpansionBombStaysInert() throws {
        var dtd = "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
        var prev = "a"
        for i in 1...10 {
            let name = "e\(i)"
            dtd += "<!ENTITY \(name) \"" + String(repeating: "&\(prev);", count: 10) + "\">"
            prev = name
        }
        dtd += "]>"
        let xml = "<?xml version=\"1.0\"?>" + dtd + "<rss version=\"2.0\"><channel><title>Bomb</title><item><title>t</title>"
            + "<description>Safe text &\(prev);</description></item></channel></rss>"
        let s = try Scratch()
        let path = try s.write("bomb.rss", xml)
        let clock = ContinuousClock()
        var results: [ReadResult] = []
        let elapsed = try clock.measure { results = try InputReader().readAll(path: path) }
        #expect(elapsed < .seconds(5))
        // Either the parser refuses the document or the entity stays unexpanded: never 4 × 10^11 bytes.
        for item in items(results) { #expect(item.text.utf8.count < 10_000) }
    }

    @Test func externalEntityIsNotLoaded() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><item><title>x</title><description>Text &xxe; end</description></item></channel></rss>
            """
        let s = try Scratch()
        let path = try s.write("xxe.rss", xml)
        for item in items(try InputReader().readAll(path: path)) { #expect(!item.text.contains("root:")) }
    }

    @Test func notAFeed() throws {
        let s = try Scratch()
        let path = try s.write("x.xml", "<?xml version=\"1.0\"?><catalog><book/></catalog>")
        #expect(failures(try InputReader().readAll(path: path)).first?.reason.contains("neither an RSS nor an Atom") == true)
        let broken = try s.write("y.rss", "<rss><channel><item><title>unterminated")
        _ = try InputReader().readAll(path: broken)  // recovers or reports; never crashes
    }
}

@Suite struct FormatDetectionTests {
    @Test(arguments: [
        ("{\"text\": \"x\"}", InputFormat.jsonl),
        ("<?xml version=\"1.0\"?><rss>", .rss),
        ("  <feed xmlns=\"http://www.w3.org/2005/Atom\">", .rss),
        ("<!DOCTYPE html><html>", .html),
        ("<html><body>", .html),
        ("Just a headline\nand text", .text),
    ])
    func sniff(head: String, format: InputFormat) {
        #expect(InputFormat.sniff(Array(head.utf8)) == format)
    }

    @Test func directoriesAreWalkedRecursivelyInOrder() throws {
        let s = try Scratch()
        try s.write("b/two.txt", "Two\ntext")
        try s.write("a/one.txt", "One\ntext")
        try s.write(".hidden/x.txt", "Hidden\ntext")
        var errors: [IngestError] = []
        let files = InputReader().expand([s.url.path, s.url.path + "/nope"]) { errors.append($0) }
        #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["one.txt", "two.txt"])
        #expect(errors.count == 1 && errors[0].reason == "no such file or directory")
    }
}
