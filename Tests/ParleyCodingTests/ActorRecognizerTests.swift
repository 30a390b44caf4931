import Foundation
import ParleyModel
import Testing
@testable import ParleyCoding

/// A small test-only tokenizer: words and single punctuation marks with byte spans; sentences end
/// at ". ", "! ", "? " (the recogniser must not depend on a particular tokenizer).
private func makeDocument(_ text: String, published: String? = "2025-11-12", id: String = "doc") -> Document {
    var doc = Document(id: id, text: text, published: published.flatMap(Timestamp.parse))
    let bytes = Array(text.utf8)
    var tokens: [Token] = []
    var sentences: [Sentence] = []
    var i = 0
    var sentenceStart = 0, firstToken = 0
    func isWordByte(_ c: UInt8) -> Bool { c >= 0x80 || (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
    while i < bytes.count {
        let c = bytes[i]
        if c == 0x20 || c == 0x0A { i += 1; continue }
        let start = i
        if isWordByte(c) {
            while i < bytes.count, isWordByte(bytes[i]) { i += 1 }
        } else {
            i += 1
        }
        tokens.append(Token(span: Span(start, i), form: String(decoding: bytes[start..<i], as: UTF8.self)))
        if (c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?")),
           i == bytes.count || bytes[i] == 0x20 || bytes[i] == 0x0A {
            sentences.append(Sentence(span: Span(sentenceStart, i), tokens: firstToken..<tokens.count))
            sentenceStart = i
            firstToken = tokens.count
        }
    }
    if firstToken < tokens.count || sentences.isEmpty {
        sentences.append(Sentence(span: Span(sentenceStart, bytes.count), tokens: firstToken..<tokens.count))
    }
    doc.tokens = tokens
    doc.sentences = sentences
    doc.layers = [.sentences, .tokens]
    return doc
}

private let dictionary: ActorDictionary = {
    do { return try ActorDictionary.bundled() } catch { fatalError("bundled actor dictionaries missing: \(error)") }
}()

private func actors(_ text: String, published: String? = "2025-11-12", known: [OfficeFact] = []) -> [ActorMention] {
    var doc = makeDocument(text, published: published)
    let recognizer = ActorRecognizer(dictionary: dictionary, knownPeople: known)
    recognizer.recognize(&doc)
    return doc.actors
}

struct ActorCase: CustomTestStringConvertible, Sendable {
    var text: String
    /// Expected (mention text, code) pairs, in order; the mentions found must include them.
    var expect: [(String, String)]
    /// Mention texts that must NOT be coded.
    var absent: [String] = []
    var published: String? = "2025-11-12"
    var testDescription: String { text }
}

private let cases: [ActorCase] = [
    ActorCase(text: "Iranian Foreign Minister Abbas Araghchi met his Omani counterpart.",
              expect: [("Iranian Foreign Minister Abbas Araghchi", "IRNGOV")]),
    ActorCase(text: "Iranian Foreign Minister Abbas Araghchi arrived on Monday. Araghchi said talks would continue.",
              expect: [("Iranian Foreign Minister Abbas Araghchi", "IRNGOV"), ("Araghchi", "IRNGOV")]),
    ActorCase(text: "Washington rejected the proposal.", expect: [("Washington", "USAGOV")]),
    ActorCase(text: "The delegation held talks in Washington.", expect: [("Washington", "USA")]),
    ActorCase(text: "Tehran said it would respond.", expect: [("Tehran", "IRNGOV")]),
    ActorCase(text: "A statement from the White House followed.", expect: [("the White House", "USAGOV")]),
    ActorCase(text: "The Kremlin denied the report.", expect: [("The Kremlin", "RUSGOV")]),
    ActorCase(text: "The Pentagon announced new deployments.", expect: [("The Pentagon", "USAMIL")]),
    ActorCase(text: "U.S. troops left the base.", expect: [("U.S. troops", "USAMIL")]),
    ActorCase(text: "US troops left the base.", expect: [("US troops", "USAMIL")]),
    ActorCase(text: "He told us nothing.", expect: [], absent: ["us"]),
    ActorCase(text: "Israeli forces entered the town.", expect: [("Israeli forces", "ISRMIL")]),
    ActorCase(text: "Iran's foreign ministry summoned the envoy.", expect: [("Iran's foreign ministry", "IRNGOV")]),
    ActorCase(text: "Iran’s foreign ministry summoned the envoy.", expect: [("Iran’s foreign ministry", "IRNGOV")]),
    ActorCase(text: "Russian President Vladimir Putin spoke.", expect: [("Russian President Vladimir Putin", "RUSGOV")]),
    ActorCase(text: "The IAEA said inspectors had access.", expect: [("IAEA", "IGOUNOIAE")]),
    ActorCase(text: "Talks with the UK, France and Germany resumed.",
              expect: [("the UK", "GBR"), ("France", "FRA"), ("Germany", "DEU")]),
    ActorCase(text: "Hezbollah fired rockets.", expect: [("Hezbollah", "LBNREB")]),
    ActorCase(text: "The Houthis attacked a ship.", expect: [("Houthis", "YEMREB")]),
    ActorCase(text: "Turkey criticized the move.", expect: [("Turkey", "TUR")]),
    ActorCase(text: "They ate turkey for dinner.", expect: [], absent: ["turkey"]),
    ActorCase(text: "Jordan closed its border.", expect: [("Jordan", "JOR")]),
    ActorCase(text: "NATO allies met in Brussels.", expect: [("NATO", "IGOWSTNAT")]),
    ActorCase(text: "The European Union imposed sanctions.", expect: [("The European Union", "IGOEUREEC")]),
    ActorCase(text: "The United Nations called for calm.", expect: [("The United Nations", "IGOUNO")]),
    ActorCase(text: "Abbas Araghchi, Iran's top diplomat, said talks were possible.",
              expect: [("Abbas Araghchi", "IRNGOV")]),
    ActorCase(text: "U.S. President Donald Trump said he would meet them.",
              expect: [("U.S. President Donald Trump", "USAGOV")]),
    ActorCase(text: "Iraqi Prime Minister Mohammed Shia al-Sudani visited. Sudani said Iraq wants calm.",
              expect: [("Iraqi Prime Minister Mohammed Shia al-Sudani", "IRQGOV"), ("Sudani", "IRQGOV")]),
    ActorCase(text: "Police arrested dozens of protesters.", expect: [("Police", "COP"), ("protesters", "OPP")]),
    ActorCase(text: "Barack Obama spoke.", expect: [("Barack Obama", "USAGOV")], published: "2012-05-01"),
    ActorCase(text: "Barack Obama spoke.", expect: [("Barack Obama", "USAELI")], published: "2020-05-01"),
    ActorCase(text: "Hamas and Israel agreed.", expect: [("Hamas", "PSEREBHMS"), ("Israel", "ISR")]),
    // A capital's name before a surname is a given name: Douglas Paal is not the Isle of Man's government.
    ActorCase(text: "Douglas Paal, vice president at the Carnegie Endowment, said a summit was risky.", expect: [],
              absent: ["Douglas", "Douglas Paal"]),
    // An initialism is no name: "U.N." is not the last word of "Kim Jong Un" named before it.
    ActorCase(text: "North Korean leader Kim Jong Un met Trump. A U.N. report followed.",
              expect: [("North Korean leader Kim Jong Un", "PRKGOV"), ("U.N.", "IGOUNO")]),
    // A deputy is an office-holder's (deputy ambassador, deputy minister); deputies, a parliament's.
    ActorCase(text: "Robert Wood, U.S. deputy U.N. ambassador, told reporters.", expect: [("Robert Wood", "USAGOV")]),
    ActorCase(text: "Russian deputies voted for the bill.", expect: [("Russian deputies", "RUSLEG")]),
    // The groups of industrial nations as news writes them.
    ActorCase(text: "G7 foreign ministers met in Quebec after the G-8 summit.", expect: [("G7 foreign ministers", "IGOGOS"), ("G-8", "IGOGOE")]),
]

@Test(arguments: cases)
func actorCase(_ c: ActorCase) {
    let found = actors(c.text, published: c.published)
    let pairs = found.map { ($0.text, $0.code) }
    for (text, code) in c.expect {
        #expect(pairs.contains { $0.0 == text && $0.1 == code }, "expected \(text) → \(code); found \(pairs)")
    }
    for text in c.absent {
        #expect(!pairs.contains { $0.0 == text }, "did not expect \(text); found \(pairs)")
    }
}

@Test func personAndSectorFields() {
    let found = actors("Iranian Foreign Minister Abbas Araghchi met reporters.")
    let m = try? #require(found.first)
    #expect(m?.person == "Abbas Araghchi")
    #expect(m?.country == "IRN")
    #expect(m?.sector == "GOV")
}

/// (a person no dictionary holds, so that what is known comes from the text alone)
@Test func learnedOfficesAreReportedAndReused() {
    var doc = makeDocument("Iranian Foreign Minister Kaveh Farahmand arrived on Monday.", id: "a1")
    let recognizer = ActorRecognizer(dictionary: dictionary)
    let learned = recognizer.recognize(&doc)
    #expect(learned.map(\.person) == ["Kaveh Farahmand"])
    #expect(learned.first?.code == "IRNGOV")
    #expect(learned.first?.documentID == "a1")
    if let e = learned.first?.evidence { #expect(doc.text(e) == "Iranian Foreign Minister Kaveh Farahmand") }

    // another document names him bare: known people carry the office across documents
    let later = actors("Kaveh Farahmand said Tehran was ready. Farahmand left.", known: learned)
    #expect(later.contains { $0.text == "Kaveh Farahmand" && $0.code == "IRNGOV" })
    #expect(later.contains { $0.text == "Farahmand" && $0.code == "IRNGOV" })
    // without them he is unknown
    let bare = actors("Kaveh Farahmand said Tehran was ready.")
    #expect(!bare.contains { $0.text == "Kaveh Farahmand" })
}

@Test func userDictionaryReportsMalformedLines() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-actors-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("mine.tsv")
    try """
    # my actors
    Acme Liberation Front\tXYZREB
    broken line without a tab
    Zed Qorbani\tIRNGOV\t20240101-\tZed Qorbani\tperson
    Bad Dates\tIRNGOV\t2024-01
    lowercase code\tirngov

    """.write(to: file, atomically: true, encoding: .utf8)
    let d = try ActorDictionary.load(userFiles: [file])
    let mine = d.issues.filter { $0.file == "mine.tsv" }
    #expect(mine.map(\.line) == [3, 5, 6])
    #expect(mine.first?.description.hasPrefix("mine.tsv:3:") == true)
    var doc = makeDocument("The Acme Liberation Front met Zed Qorbani.")
    ActorRecognizer(dictionary: d).recognize(&doc)
    #expect(doc.actors.contains { $0.text == "Acme Liberation Front" && $0.code == "XYZREB" })
    #expect(doc.actors.contains { $0.text == "Zed Qorbani" && $0.code == "IRNGOV" && $0.person == "Zed Qorbani" })
}

@Test func tokenizationDoesNotMatter() {
    // the same text with a different token split must give the same actors
    var a = makeDocument("U.S. troops and Iran's army.")
    var b = a
    b.tokens = a.tokens.flatMap { t -> [Token] in
        guard t.form.count > 1 else { return [t] }
        return [Token(span: Span(t.span.start, t.span.start + 1), form: String(t.form.prefix(1))),
                Token(span: Span(t.span.start + 1, t.span.end), form: String(t.form.dropFirst()))]
    }
    let r = ActorRecognizer(dictionary: dictionary)
    r.recognize(&a)
    r.recognize(&b)
    #expect(a.actors == b.actors)
    #expect(a.actors.map(\.code) == ["USAMIL", "IRNMIL"])
}

@Test func stageContract() throws {
    let r = ActorRecognizer(dictionary: dictionary)
    #expect(r.name == "actors")
    #expect(r.requires == [.sentences, .tokens])
    #expect(r.assigns == [.actors])
}

@Test func smallDictionaryFromText() {
    var d = ActorDictionary()
    d.add(tsv: "Freedonia\tFRD\t\t\tcountry\nFreedonian\tFRD\t\t\tcountry\n", file: "t.tsv")
    d.add(tsv: "defence minister\tGOV\n", file: "a.tsv", defaultKind: .agent)
    var doc = makeDocument("Freedonian Defence Minister Rufus T. Firefly resigned.")
    ActorRecognizer(dictionary: d).recognize(&doc)
    #expect(doc.actors.first?.code == "FRDGOV")
    #expect(doc.actors.first?.person?.hasPrefix("Rufus") == true)
}

private let moreCases: [ActorCase] = [
    ActorCase(text: "Abbas Araghchi, the Iranian foreign minister, said talks were possible.",
              expect: [("Abbas Araghchi", "IRNGOV")]),
    ActorCase(text: "Former Iranian President Hassan Rouhani criticized the deal.",
              expect: [("Former Iranian President Hassan Rouhani", "IRNELI")]),
    ActorCase(text: "Turkish President Recep Tayyip Erdoğan met Putin. Erdoğan said the talks went well.",
              expect: [("Turkish President Recep Tayyip Erdoğan", "TURGOV"), ("Erdoğan", "TURGOV")]),
    ActorCase(text: "Russian Deputy Foreign Minister Sergei Ryabkov spoke.",
              expect: [("Russian Deputy Foreign Minister Sergei Ryabkov", "RUSGOV")]),
    ActorCase(text: "North Korea's official English-language news agency reported it.", expect: [],
              absent: ["North Korea's official English"]),
    ActorCase(text: "IAEA Director General Rafael Grossi visited Tehran.",
              expect: [("IAEA Director General Rafael Grossi", "IGOUNOIAE")]),
    ActorCase(text: "Officials in Tehran and Washington disagreed.",
              expect: [("Tehran", "IRN"), ("Washington", "USAGOV")]),
]

@Test(arguments: moreCases)
func moreActorCases(_ c: ActorCase) {
    actorCase(c)
}

@Test func knownSurnamesAcrossDocuments() {
    let known = [OfficeFact(person: "Donald Trump", code: "USAGOV", documentID: "d0", evidence: Span(0, 10),
                            date: Timestamp.parse("2025-03-01"))]
    let found = actors("The Trump administration imposed tariffs.", known: known)
    #expect(found.contains { $0.text == "Trump administration" && $0.code == "USAGOV" && $0.person == "Donald Trump" })
    // a different person with the same surname is not taken for him
    let other = actors("Ivanka Trump spoke.", known: known)
    #expect(!other.contains { $0.person == "Donald Trump" })
}

@Test func gazetteer() throws {
    let g = try PlaceGazetteer.bundled()
    #expect(g.place(named: "Isfahan")?.country == "IRN")
    #expect(g.place(named: "Tehran")?.kind == "capital")
    #expect(g.count > 1000)
}

private let coordinationCases: [ActorCase] = [
    ActorCase(text: "Senior Hungarian and Romanian officials agreed on Wednesday.",
              expect: [("Hungarian", "HUNGOV"), ("Romanian officials", "ROUGOV")]),
    ActorCase(text: "The ousted Egyptian leader appeared in court.", expect: [("ousted Egyptian leader", "EGYELI")]),
    // "representatives" at a meeting are delegates, not legislators
    ActorCase(text: "Russian representatives spoke at the meeting.", expect: [("Russian representatives", "RUSGOV")]),
    ActorCase(text: "President Obama met the delegation.", expect: [("President Obama", "USAGOV")], published: "2020-06-01"),
    ActorCase(text: "Obama met the delegation.", expect: [("Obama", "USAELI")], published: "2020-06-01"),
    // a role noun that is also a surname, after a given name or an honorific, is the surname
    ActorCase(text: "British Defence Secretary Tom King promised aid.",
              expect: [("British Defence Secretary Tom King", "GBRGOVMIL")], absent: ["King"]),
    ActorCase(text: "Senator Angus King spoke.", expect: [("Senator Angus King", "LEG")], absent: ["King"]),
    ActorCase(text: "Later Mr. King spoke.", expect: [], absent: ["King"]),
    // but not an institution's title-case role, nor the role alone
    ActorCase(text: "The Victorian Government spoke.", expect: [("Government", "GOV")]),
    ActorCase(text: "The King spoke.", expect: [("King", "GOV")]),
    // the surname of the one dictionary person in a government office on the date, with a government noun
    ActorCase(text: "The Biden administration spoke.", expect: [("Biden administration", "USAGOV")]),
    ActorCase(text: "The Kim regime spoke.", expect: [], absent: ["Kim regime"]),
    // a full name that shares only its surname with a dictionary person is someone else ("Gisela Alvarez de Porras"
    // was Panama's); the title alone still takes the surname's owner
    ActorCase(text: "Attorney General Maria Consuelo Porras spoke.", expect: [("Attorney General Maria Consuelo Porras", "GOV")]),
    ActorCase(text: "President Porras spoke.", expect: [("President Porras", "PANGOV")], published: "2009-03-01"),
    // "regime" as a system of rules after what the rules govern is no government
    ActorCase(text: "The US sanctions regime remains in place.", expect: [("The US", "USA")], absent: ["regime"]),
    ActorCase(text: "The inspections regime was weakened.", expect: [], absent: ["regime"]),
    // an international organisation's head named in apposition
    ActorCase(text: "Jan Kowalski, UN secretary-general, spoke.", expect: [("Jan Kowalski", "IGOUNO")]),
    ActorCase(text: "Jan Kowalski, UN Secretary General, spoke.", expect: [("Jan Kowalski", "IGOUNO")]),
    // an office's field between the institution and its role noun or "chief"
    ActorCase(text: "EU foreign policy chief Kaja Kallas spoke.", expect: [("EU foreign policy chief Kaja Kallas", "IGOEUREEC")],
              published: "2025-03-13"),
    ActorCase(text: "He was indicted by the U.N. war crimes court.", expect: [("the U.N. war crimes court", "IGOUNO")]),
    // but a verb between a country and a role noun is no field
    ActorCase(text: "Iran sent troops.", expect: [("Iran", "IRN"), ("troops", "MIL")]),
    // former names' adjectives in old wire copy
    ActorCase(text: "Kampuchean guerrillas fled as Zairean troops crossed.",
              expect: [("Kampuchean guerrillas", "KHMREB"), ("Zairean troops", "CODMIL")]),
    // a country or capital before a newspaper's title word names a newspaper: that country's media
    ActorCase(text: "The Tehran Times reported the visit.", expect: [("Tehran Times", "IRNMED")], absent: ["Tehran"]),
    ActorCase(text: "China Daily said the talks went well.", expect: [("China Daily", "CHNMED")]),
]

@Test(arguments: coordinationCases)
func coordinationAndTitles(_ c: ActorCase) {
    actorCase(c)
}

/// Country and sector of an actor code (definitions: CAMEO actor codes are country + sectors; a code that starts
/// with a sector has no country; IGO/NGO codes have none; MUS is Mauritius as a country).
@Test(arguments: [
    ("IRNGOV", "IRN", "GOV"), ("GOV", nil, "GOV"), ("GOVMIL", nil, "GOV"), ("MILGOV", nil, "MIL"),
    ("IGOUNO", nil, nil), ("NGOHRI", nil, nil), ("MUSGOV", "MUS", "GOV"), ("AGOREB", "AGO", "REB"),
] as [(String, String?, String?)])
func splitCodeCases(_ code: String, _ country: String?, _ sector: String?) {
    let (c, s) = splitCode(code)
    #expect(c == country && s == sector, "\(code) → \(String(describing: c)) \(String(describing: s))")
}

/// The bundled actor codes speak ISO 3166 alpha-3: no old CAMEO country prefixes (Angola is AGO, not ANG).
@Test func bundledActorCodesAreISO() throws {
    let url = try #require(Bundle.module.url(forResource: "actors", withExtension: "tsv", subdirectory: "Resources"))
    let old: Set<Substring> = ["ANG", "TMP", "SRP", "ROM", "ZAR", "ITL", "JAP", "KSV"]
    var bad: [String] = []
    for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false)
        if f.count > 1, old.contains(f[1].prefix(3)) { bad.append(String(line)) }
    }
    #expect(bad.isEmpty, "\(bad.prefix(5))")
}

/// The bundled role nouns speak CAMEO role codes only (what GDELT's type columns accept): Phoenix's "PPL" for
/// "people" is the general population, CVL.
@Test func bundledAgentCodesAreCAMEORoles() throws {
    let url = try #require(Bundle.module.url(forResource: "agents", withExtension: "tsv", subdirectory: "Resources"))
    let roles: Set<Substring> = [
        "GOV", "MIL", "REB", "OPP", "PTY", "LEG", "JUD", "COP", "SPY", "BUS", "MED", "CVL", "EDU", "HLH", "REF", "IGO",
        "NGO", "ELI", "LAB", "AGR", "CRM", "DEV", "ENV", "HRI", "IMG", "INS", "MOD", "RAD", "SET", "UAF", "REL", "SEP",
        "MNC", "NGM", "UIS", "BUD", "CHR", "CTH", "HIN", "JEW", "MUS", "PRO", "MAR", "SHI", "SUN", "ORT", "SIK", "JAN",
    ]
    var bad: [String] = []
    for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard f.count > 1 else { continue }
        let code = Array(f[1].utf8)
        var i = 0
        while i + 3 <= code.count {
            let chunk = Substring(String(decoding: code[i..<(i + 3)], as: UTF8.self))
            if !roles.contains(chunk) { bad.append(String(line)) }
            i += 3
        }
    }
    #expect(bad.isEmpty, "\(bad.prefix(5))")
}

/// Office-holders of 2024–2025 the source dictionaries lack are known by name and by surname alone, in their terms.
@Test func currentOfficeHoldersAreKnown() {
    let now = actors("Officials said Witkoff met Araghchi. Donald Trump spoke.")
    #expect(now.contains { $0.text == "Witkoff" && $0.code == "USAGOV" })
    #expect(now.contains { $0.text == "Araghchi" && $0.code == "IRNGOV" })
    #expect(now.contains { $0.text == "Donald Trump" && $0.code == "USAGOV" })
    // between his terms "Trump" names no office
    #expect(!actors("Officials said Trump spoke.", published: "2023-06-01").contains { $0.text == "Trump" && $0.code == "USAGOV" })
}
