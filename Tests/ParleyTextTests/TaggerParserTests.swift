import Foundation
import ParleyModel
import Testing
@testable import ParleyText

/// A document from whitespace-separated tokens, one sentence per string (the tokenizer is not needed here).
private func document(_ sentences: [String]) -> Document {
    var text = "", tokens: [Token] = [], sents: [Sentence] = []
    for s in sentences {
        if !text.isEmpty { text += " " }
        let first = tokens.count, start = text.utf8.count
        for (k, word) in s.split(separator: " ").enumerated() {
            if k > 0 { text += " " }
            let lo = text.utf8.count
            text += word
            tokens.append(Token(span: Span(lo, text.utf8.count), form: String(word)))
        }
        sents.append(Sentence(span: Span(start, text.utf8.count), tokens: first..<tokens.count))
    }
    var doc = Document(id: "test", text: text)
    doc.tokens = tokens
    doc.sentences = sents
    doc.layers = [.tokens, .sentences]
    return doc
}

private func analyse(_ sentences: [String]) throws -> Document {
    var doc = document(sentences)
    let stages: [any TextStage] = [try PerceptronTagger.bundled(), try Lemmatizer.bundled(), try DependencyParser.bundled()]
    for stage in stages {
        try stage.process(&doc)
        doc.layers.formUnion(stage.assigns)
    }
    return doc
}

@Suite("Tagger, lemmatizer and parser")
struct TaggerParserTests {
    @Test("Committed models load, and load once")
    func modelsLoad() throws {
        let t0 = Date()
        let tagger = try PerceptronTagger.bundled()
        _ = try Lemmatizer.bundled()
        let parser = try DependencyParser.bundled()
        #expect(tagger.name == "tagger" && parser.name == "parser")
        #expect(parser.labels.contains("nsubj:pass") && parser.labels.contains("obl:unmarked"))
        let t1 = Date()
        _ = try PerceptronTagger.bundled()
        _ = try DependencyParser.bundled()
        #expect(Date().timeIntervalSince(t1) < max(0.05, t1.timeIntervalSince(t0)))
    }

    @Test("Stage contracts")
    func contracts() throws {
        let tagger = try PerceptronTagger.bundled(), lemmatizer = try Lemmatizer.bundled(), parser = try DependencyParser.bundled()
        #expect(tagger.requires == [.tokens, .sentences] && tagger.assigns == [.pos])
        #expect(lemmatizer.requires == [.pos] && lemmatizer.assigns == [.lemmas])
        #expect(parser.requires == [.pos] && parser.assigns == [.parse])
        #expect(throws: Pipeline.MissingRequirement.self) { try Pipeline([parser]) }
        #expect(throws: Pipeline.MissingRequirement.self) { try Pipeline([tagger]) }  // needs a tokenizer first
    }

    /// Expectations from the UD English guidelines (EWT conventions: "United" in a name is ADJ, "States" PROPN).
    @Test("A known sentence: tags, lemmas and the core of the tree")
    func knownSentence() throws {
        let doc = try analyse(["Iran rejected talks with the United States on Sunday ."])
        let t = doc.tokens
        let upos: [UPOS] = [.PROPN, .VERB, .NOUN, .ADP, .DET, .ADJ, .PROPN, .ADP, .PROPN, .PUNCT]
        #expect(t.map(\.pos) == upos)
        #expect(t[1].xpos == "VBD")
        #expect(t[2].xpos == "NNS")
        #expect(t[1].lemma == "reject")
        #expect(t[2].lemma == "talk")
        #expect(t[0].lemma == "Iran")
        #expect(t[1].head == -1 && t[1].dep == "root")
        #expect(t[0].head == 1 && t[0].dep == "nsubj")
        #expect(t[2].head == 1 && t[2].dep == "obj")
        #expect(t[4].head == 6 && t[4].dep == "det")
        #expect(t[7].head == 8 && t[7].dep == "case")
        #expect(t[9].head == 1 && t[9].dep == "punct")
    }

    @Test("Heads are document indices across several sentences")
    func documentIndices() throws {
        let doc = try analyse(["The minister arrived .", "She said talks would resume ."])
        let second = doc.sentences[1].tokens
        for i in second { if let h = doc.tokens[i].head, h >= 0 { #expect(second.contains(h)) } }
        #expect(doc.tokens[1].head == 2 && doc.tokens[1].dep == "nsubj")
        #expect(doc.tokens[5].head == -1)   // "said"
    }

    @Test("Passive subject and auxiliaries")
    func passive() throws {
        let doc = try analyse(["The talks were postponed by the government ."])
        let t = doc.tokens
        #expect(t[1].dep == "nsubj:pass" && t[1].head == 3)
        #expect(t[2].pos == .AUX && t[2].dep == "aux:pass" && t[2].lemma == "be")
        #expect(t[3].xpos == "VBN" && t[3].head == -1)
    }

    static let sentences = [
        "Iran rejected talks with the United States on Sunday .",
        "The foreign minister said on Tuesday that the sanctions , which were imposed in 2018 , would not be lifted .",
        "`` We will respond , '' he told reporters in Tehran .",
        "Talks collapsed",
        "?",
        "and and and , , , the the",
        "Prime Minister Benjamin Netanyahu met U.S. Secretary of State Antony Blinken in Jerusalem on Monday , officials said .",
        "He did n't say whether the ceasefire , brokered by Egypt and Qatar , would hold beyond next week 's deadline , nor who would monitor it .",
        String(repeating: "word ", count: 150),
    ]

    @Test("Every sentence gets a tree: one root, heads inside the sentence, no cycles", arguments: sentences)
    func wellFormedTrees(_ sentence: String) throws {
        let doc = try analyse([sentence, "A second sentence follows ."])
        for s in doc.sentences {
            var roots = 0
            for i in s.tokens {
                let h = try #require(doc.tokens[i].head)
                #expect(doc.tokens[i].dep != nil)
                if h == -1 { roots += 1; #expect(doc.tokens[i].dep == "root"); continue }
                #expect(s.tokens.contains(h) && h != i)
                // Following heads reaches the root within the sentence length.
                var j = i, steps = 0
                while let hh = doc.tokens[j].head, hh >= 0, steps <= s.tokens.count { j = hh; steps += 1 }
                #expect(steps <= s.tokens.count)
            }
            #expect(roots == 1)
        }
    }

    /// Arc-eager builds projective trees; words left without a head are attached to the root's dependent,
    /// which keeps every arc projective as well (they sit on the stack, to the right of all open subtrees).
    @Test("Trees are projective", arguments: sentences)
    func projective(_ sentence: String) throws {
        let doc = try analyse([sentence])
        let s = doc.sentences[0].tokens
        func dominates(_ h: Int, _ x: Int) -> Bool {
            var j = x, steps = 0
            while steps <= s.count { if j == h { return true }; guard let hh = doc.tokens[j].head, hh >= 0 else { return false }; j = hh; steps += 1 }
            return false
        }
        for d in s {
            guard let h = doc.tokens[d].head, h >= 0 else { continue }
            for x in (min(h, d) + 1)..<max(h, d) { #expect(dominates(h, x), "arc \(h)→\(d) crosses at \(x)") }
        }
    }

    struct LemmaCase: Sendable, CustomTestStringConvertible {
        let form: String, upos: UPOS, xpos: String, lemma: String
        var testDescription: String { "\(form)/\(xpos) → \(lemma)" }
    }

    /// English morphology and UD lemma conventions; the last rows are invented words (suffix rules only).
    static let lemmaCases: [LemmaCase] = [
        .init(form: "rejected", upos: .VERB, xpos: "VBD", lemma: "reject"),
        .init(form: "went", upos: .VERB, xpos: "VBD", lemma: "go"),
        .init(form: "was", upos: .AUX, xpos: "VBD", lemma: "be"),
        .init(form: "'s", upos: .AUX, xpos: "VBZ", lemma: "be"),
        .init(form: "n't", upos: .PART, xpos: "RB", lemma: "not"),
        .init(form: "children", upos: .NOUN, xpos: "NNS", lemma: "child"),
        .init(form: "better", upos: .ADJ, xpos: "JJR", lemma: "good"),
        .init(form: "Talks", upos: .NOUN, xpos: "NNS", lemma: "talk"),
        .init(form: "Iran", upos: .PROPN, xpos: "NNP", lemma: "Iran"),
        .init(form: "I", upos: .PRON, xpos: "PRP", lemma: "I"),
        .init(form: "them", upos: .PRON, xpos: "PRP", lemma: "they"),
        .init(form: "said", upos: .VERB, xpos: "VBD", lemma: "say"),
        // irregular past forms the treebank never shows, or shows under another tag than the tagger gives
        .init(form: "fled", upos: .VERB, xpos: "VBD", lemma: "flee"),
        .init(form: "struck", upos: .VERB, xpos: "VBP", lemma: "strike"),
        .init(form: "shot", upos: .VERB, xpos: "VB", lemma: "shoot"),
        .init(form: "overran", upos: .VERB, xpos: "VBD", lemma: "overrun"),
        // a past form that is also a present one stays as it is unless tagged past
        .init(form: "found", upos: .VERB, xpos: "VBP", lemma: "found"),
        .init(form: "found", upos: .VERB, xpos: "VBD", lemma: "find"),
        .init(form: "defenestrated", upos: .VERB, xpos: "VBD", lemma: "defenestrate"),
        .init(form: "recalibrating", upos: .VERB, xpos: "VBG", lemma: "recalibrate"),
        .init(form: "zorbs", upos: .NOUN, xpos: "NNS", lemma: "zorb"),
        .init(form: "blorfed", upos: .VERB, xpos: "VBN", lemma: "blorf"),
    ]

    @Test("Lemma cases", arguments: lemmaCases)
    func lemmas(_ c: LemmaCase) throws {
        #expect(try Lemmatizer.bundled().lemma(c.form, upos: c.upos, xpos: c.xpos) == c.lemma)
    }

    @Test("CoNLL-U reader skips multiword ranges and empty nodes")
    func conllu() throws {
        let text = """
        # sent_id = x-1
        # text = I don't know.
        1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_
        2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
        2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_
        3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
        4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\t_
        4.1\tknew\tknow\tVERB\tVBD\t_\t_\t_\t4:conj\t_
        5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

        """
        let s = try CoNLLU.parse(text)
        #expect(s.count == 1)
        #expect(s[0].forms == ["I", "do", "n't", "know", "."])
        #expect(s[0].heads == [3, 3, 3, -1, 3])
        #expect(s[0].id == "x-1" && s[0].text == "I don't know.")
    }

    @Test("Binary model round trip")
    func roundTrip() throws {
        let parser = try DependencyParser.bundled()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-parser-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try parser.write(to: url)
        let again = try DependencyParser(data: Data(contentsOf: url))
        let forms = ["Iran", "rejected", "talks", "."]
        let tags = try PerceptronTagger.bundled().tags(forms)
        let a = parser.parse(forms: forms, upos: tags.map(\.upos), xpos: tags.map(\.xpos))
        let b = again.parse(forms: forms, upos: tags.map(\.upos), xpos: tags.map(\.xpos))
        #expect(a.heads == b.heads && a.labels == b.labels)
        #expect(throws: (any Error).self) { try DependencyParser(data: Data("not a model".utf8)) }
    }
}
