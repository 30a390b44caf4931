import Testing
import ParleyModel
@testable import ParleyText

/// Token forms of `text`, joined by single spaces.
private func forms(_ text: String) -> String {
    Tokenizer.segment(text).tokens.map(\.form).joined(separator: " ")
}

/// Sentences of `text`, each as its token forms joined by spaces, sentences joined by " | ".
private func sentences(_ text: String) -> String {
    let (tokens, sentences) = Tokenizer.segment(text)
    return sentences.map { s in tokens[s.tokens].map(\.form).joined(separator: " ") }.joined(separator: " | ")
}

/// Checks the invariants every result must keep: spans slice back to forms, tokens are ordered and
/// disjoint, sentences tile the token list and span their tokens.
private func checkInvariants(_ text: String) {
    let (tokens, sentences) = Tokenizer.segment(text)
    let bytes = Array(text.utf8)
    var previousEnd = 0
    for t in tokens {
        #expect(t.span.start >= previousEnd && t.span.end > t.span.start && t.span.end <= bytes.count)
        #expect(String(decoding: bytes[t.span.start..<t.span.end], as: UTF8.self) == t.form)
        #expect(text.slice(t.span) == t.form)
        previousEnd = t.span.end
    }
    var next = 0
    for s in sentences {
        #expect(s.tokens.lowerBound == next && !s.tokens.isEmpty)
        next = s.tokens.upperBound
        #expect(s.span.start == tokens[s.tokens.lowerBound].span.start)
        #expect(s.span.end == tokens[s.tokens.upperBound - 1].span.end)
    }
    #expect(next == tokens.count)
}

struct TokenizerTests {
    @Test func stageContract() {
        let stage = Tokenizer()
        #expect(stage.name == "tokenizer")
        #expect(stage.requires.isEmpty)
        #expect(stage.assigns == [.sentences, .tokens])
        var doc = Document(id: "d", text: "Mr. Smith went to Washington. He met Gen. Lee.")
        try? stage.process(&doc)
        #expect(doc.sentences.count == 2)
        #expect(doc.tokens.count == 11)
        #expect(doc.text(doc.sentences[1].span) == "He met Gen. Lee.")
    }

    @Test(arguments: [
        // Abbreviations and initials keep their period.
        ("The U.S. Navy said so.", "The U.S. Navy said so ."),
        ("Gen. Smith and Lt. Col. Jones met Mr. Lee.", "Gen. Smith and Lt. Col. Jones met Mr. Lee ."),
        ("It opened Sept. 5 at 9 a.m. and closed Jan. 2.", "It opened Sept. 5 at 9 a.m. and closed Jan. 2 ."),
        ("Acme Inc. sold No. 5 to George W. Bush.", "Acme Inc. sold No. 5 to George W. Bush ."),
        ("He said no. Then he left.", "He said no . Then he left ."),
        ("See e.g. the report, i.e. this one.", "See e.g. the report , i.e. this one ."),
        // Numbers, percentages, money.
        ("Only 18% agreed, while 62.5% did not.", "Only 18 % agreed , while 62.5 % did not ."),
        ("It cost $5 or $1,250,000.50 in 2025.", "It cost $ 5 or $ 1,250,000.50 in 2025 ."),
        ("At 21:48:07 on 11/12/2025 it was .5 m.", "At 21:48:07 on 11/12/2025 it was .5 m ."),
        ("Call 713-853-3989 for 5-10 days in 1969-1970.", "Call 713-853-3989 for 5 - 10 days in 1969 - 1970 ."),
        ("We met at 5pm and 10:30am.", "We met at 5 pm and 10:30 am ."),
        // Quotes, dashes, ellipses, brackets, slashes.
        ("He said “there is no possibility” today.", "He said “ there is no possibility ” today ."),
        ("He said \"no\" and 'maybe'.", "He said \" no \" and ' maybe ' ."),
        ("pathways – however slim — towards", "pathways – however slim — towards"),
        ("Wait... what? Really…", "Wait ... what ? Really …"),
        ("the agency (IAEA) and/or [others]", "the agency ( IAEA ) and / or [ others ]"),
        ("N/A b/c w/o the L/C", "N/A b/c w/o the L/C"),
        ("What?! No!!!", "What ?! No !!!"),
        // Links and e-mail.
        ("See https://www.example.com/a-b?x=1. Or mail jane.doe@example.org, please.",
         "See https://www.example.com/a-b?x=1 . Or mail jane.doe@example.org , please ."),
        ("Visit www.voanews.com today", "Visit www.voanews.com today"),
        // Hyphens, as UD English EWT writes them.
        ("its search-engine and e-mail for a full-fledged non-violence mid-1980s Iran-US deal",
         "its search - engine and e-mail for a full - fledged non-violence mid-1980s Iran - US deal"),
        // Possessives and clitics.
        ("Iran's and Araghchi’s views", "Iran 's and Araghchi ’s views"),
        ("I don't know, can't say, won't go; I'm gonna try.", "I do n't know , ca n't say , wo n't go ; I 'm gon na try ."),
        ("It isn’t what they've said you'd hear, we'll see.", "It is n’t what they 've said you 'd hear , we 'll see ."),
        ("The parents' house and O'Brien's car in the '80s and 80's", "The parents ' house and O'Brien 's car in the '80s and 80's"),
        ("You cannot stop.", "You can not stop ."),
        ("the U.S.'s role and o'clock rock'n'roll", "the U.S. 's role and o'clock rock'n'roll"),
        // Missing spaces after punctuation.
        ("the nuclear deal.It’s about this declaration,reported by", "the nuclear deal . It ’s about this declaration , reported by"),
        ("terms,hoping the UK,France,Germany agreed", "terms , hoping the UK , France , Germany agreed"),
        ("a visit to example.com was short", "a visit to example.com was short"),
        // Unicode letters stay in words.
        ("Zürich and Société Générale; naïve café", "Zürich and Société Générale ; naïve café"),
    ])
    func tokens(_ input: String, _ expected: String) {
        #expect(forms(input) == expected)
        checkInvariants(input)
    }

    @Test(arguments: [
        ("He left. She stayed.", "He left . | She stayed ."),
        ("He said, \"We will go.\" Then he left.", "He said , \" We will go . \" | Then he left ."),
        ("He said “we will go.” Then he left.", "He said “ we will go . ” | Then he left ."),
        ("Is it over? Yes! It is.", "Is it over ? | Yes ! | It is ."),
        ("Mr. Smith met Dr. Jones at 3 p.m. on Jan. 5.", "Mr. Smith met Dr. Jones at 3 p.m. on Jan. 5 ."),
        ("He lives in the U.S. The rest live in the U.K.", "He lives in the U.S. | The rest live in the U.K."),
        ("Shares of Acme Inc. rose. Acme Inc. Chief said so.", "Shares of Acme Inc. rose . | Acme Inc. Chief said so ."),
        ("the 2015 nuclear deal.It’s about trust.", "the 2015 nuclear deal . | It ’s about trust ."),
        ("A Title Without Punctuation\nThe first sentence. The second.", "A Title Without Punctuation | The first sentence . | The second ."),
        ("First paragraph without end\n\nsecond paragraph", "First paragraph without end | second paragraph"),
        ("yeah\nsounds good", "yeah | sounds good"),
        ("This is a long line of text that was wrapped by a mail client at\nseventy columns, as old mail is.",
         "This is a long line of text that was wrapped by a mail client at seventy columns , as old mail is ."),
        ("Numbers like 3.5 and 1,000 stay. Next one.", "Numbers like 3.5 and 1,000 stay . | Next one ."),
        ("Wait . . . Then it ended.", "Wait . . . | Then it ended ."),
        ("He met George W. Bush. Later he left.", "He met George W. Bush . | Later he left ."),
        ("Visit www.example.com. It is new.", "Visit www.example.com . | It is new ."),
        ("(It ended.) Then more.", "( It ended . ) | Then more ."),
        ("Great community :-) Posted by Ben", "Great community :-) | Posted by Ben"),
        ("a post on platform X. He added more.", "a post on platform X . | He added more ."),
        ("“It is great for the U.S.” Trump also said so.", "“ It is great for the U.S. ” | Trump also said so ."),
        ("It went to CCNG, Inc.. On or about May 5 it ended.", "It went to CCNG , Inc. . | On or about May 5 it ended ."),
        ("Springfield, Ill., officials said no. Then they left.", "Springfield , Ill. , officials said no . | Then they left ."),
    ])
    func sentenceSplits(_ input: String, _ expected: String) {
        #expect(sentences(input) == expected)
        checkInvariants(input)
    }

    @Test func offsetsAreUTF8Bytes() {
        let text = "Café “über” — naïve 5€."
        let (tokens, _) = Tokenizer.segment(text)
        #expect(tokens.map(\.form) == ["Café", "“", "über", "”", "—", "naïve", "5", "€", "."])
        #expect(tokens[0].span == Span(0, 5))
        #expect(tokens[1].span == Span(6, 9))
        checkInvariants(text)
    }

    @Test(arguments: [
        "",
        " ",
        "\n\n\n",
        " \t\r\n \u{00A0}\u{2003}\u{200B} ",
        ".",
        "...",
        "'",
        "\"",
        "'s",
        "n't",
        "-",
        "$",
        "@",
        "a@",
        "@b",
        "http://",
        "www.",
        "U.S",
        "Mr.",
        "\u{0301}\u{0301}\u{0301}",
        "e\u{0301}\u{0301} a\u{0308}",
        "\u{FEFF}Start",
        "🇮🇷🇺🇸 👍🏽 family 👨‍👩‍👧",
        "\u{0000}\u{0001}\u{007F}",
        "\u{FFFD}\u{FFFD} broken",
        "الخارجية الإيرانية. 中文。 한국어",
        "a\u{2028}b\u{2029}c\u{0085}d",
        "’’’’’’“”“”",
        "1,2,3,4,5,6,7,8,9,0,1,2,3",
        "----------------------------------------",
        "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.",
    ])
    func hostileInputDoesNotCrash(_ text: String) {
        checkInvariants(text)
    }

    @Test func invalidUTF8IsRepairedAndScanned() {
        let bytes: [UInt8] = [0x41, 0xE2, 0x80, 0x20, 0xC3, 0x2E, 0xFF, 0xFE, 0x42, 0xE2, 0x80, 0x99, 0x73, 0xF0, 0x9F]
        let text = String(decoding: bytes, as: UTF8.self)
        checkInvariants(text)
    }

    @Test func megabyteLineWithoutSpaces() {
        let word = String(repeating: "abc.def-ghi,jkl'mno’pqr/", count: 1_048_576 / 27)
        let (tokens, sentences) = Tokenizer.segment(word)
        #expect(!tokens.isEmpty)
        #expect(!sentences.isEmpty)
        let letters = String(repeating: "x", count: 1_048_576)
        #expect(Tokenizer.segment(letters).tokens.count == 1)
        let link = "http://" + String(repeating: "a/", count: 500_000)
        #expect(Tokenizer.segment(link).tokens.count == 1)
        let closers = "http://x" + String(repeating: ")", count: 1_048_576)
        #expect(Tokenizer.segment(closers).tokens.count > 1)
        let splits = String(repeating: "abc.Def", count: 1_048_576 / 7)
        #expect(Tokenizer.segment(splits).sentences.count > 1)
        let dots = String(repeating: ".", count: 1_048_576)
        #expect(Tokenizer.segment(dots).tokens.count == 1)
    }

    @Test func countSentencesAgreesWithSegment() {
        let text = "One. Two? Three!\nFour\n\nFive."
        #expect(Tokenizer.countSentences(text) == Tokenizer.segment(text).sentences.count)
        #expect(Tokenizer.segment(text).sentences.count == 5)
    }
}
