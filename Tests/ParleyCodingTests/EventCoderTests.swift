import Foundation
import Testing
@testable import ParleyCoding
import ParleyModel
import ParleyText

/// A hand-parsed sentence: "form/UPOS/lemma/head/dep" tokens separated by spaces (head is 1-based, 0 = root,
/// as in CoNLL-U), so the coder's rules are tested without the trained models.
private func parsed(_ spec: String, published: String? = "2025-11-12T00:00:00Z") throws -> Document {
    var text = ""
    var tokens: [Token] = []
    var sentences: [Sentence] = []
    // Sentences are separated by "||"; heads are 1-based within their sentence, 0 for the root.
    for part in spec.components(separatedBy: " || ") {
        let first = tokens.count
        let sentenceStart = text.isEmpty ? 0 : text.utf8.count + 1
        for (i, item) in part.split(separator: " ").enumerated() {
            let f = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            // form/UPOS/lemma/head/deprel, optionally /XPOS (the Penn tag some rules read)
            precondition(f.count == 5 || f.count == 6, "bad token \(item)")
            if !text.isEmpty && !(i > 0 && (f[0] == "," || f[0] == "." || f[0] == "'s")) { text += " " }
            let start = text.utf8.count
            text += f[0].replacingOccurrences(of: "_", with: " ")
            let h = Int(f[3])!
            tokens.append(Token(span: Span(start, text.utf8.count), form: f[0].replacingOccurrences(of: "_", with: " "),
                                pos: UPOS(string: f[1]), xpos: f.count == 6 ? f[5] : nil, lemma: f[2], head: h == 0 ? -1 : h - 1 + first, dep: f[4]))
        }
        sentences.append(Sentence(span: Span(sentenceStart, text.utf8.count), tokens: first..<tokens.count))
    }
    var doc = Document(id: "t", text: text, published: published.flatMap { ISO8601DateFormatter().date(from: $0) })
    doc.sentences = sentences
    doc.tokens = tokens
    try ActorRecognizer().process(&doc)
    try DateTagger().process(&doc)
    try EventCoder().process(&doc)
    return doc
}

private func summary(_ d: Document) -> [String] {
    d.events.map { "\($0.source?.code ?? "-")>\($0.target?.code ?? "-"):\($0.cameo)\($0.negated ? "!" : "")@\($0.modality.rawValue)" }
}

struct EventLexiconTests {
    @Test func bundledLexiconIsClean() throws {
        let lex = try EventLexicon.bundled()
        #expect(lex.issues.isEmpty, "\(lex.issues)")
        #expect(lex.codes.count > 300)
        #expect(lex.info("125")?.quad == 3)
        #expect(lex.info("125")?.plover?.event == "REJECT")
        #expect(lex.info("190")?.goldstein == -10)
    }

    @Test func malformedLinesAreReportedWithFileAndLine() throws {
        var lex = try EventLexicon.bundled()
        let issues = lex.add(tsv: "verb\tembrace\t051\nverb embrace 051\nnoun\tparley\t9999\nwidget\tfoo\t010\n", file: "mine.tsv")
        #expect(issues.map(\.description) == [
            "mine.tsv:2: expected 3 tab-separated fields (kind, pattern, code), found 1",
            "mine.tsv:3: unknown CAMEO code '9999'",
            "mine.tsv:4: unknown kind 'widget' (one of verb, noun, appeal, demand, intent, reject, threaten, deny, say, future, halt, resume)",
        ])
        #expect(lex.verbs["embrace"]?.first?.code == "051")
    }
}

struct CameoRecodeTests {
    @Test(arguments: [
        // (family, act, expected) from the codebook's parallel families
        ("reject", "046", "125"), ("reject", "036", "125"), ("reject", "085", "1244"), ("reject", "0841", "1243"),
        ("reject", "026", "125"), ("reject", "057", "127"), ("reject", "045", "126"),
        ("appeal", "046", "026"), ("appeal", "085", "0254"), ("appeal", "0871", "0256"), ("appeal", "073", "0233"),
        ("demand", "0841", "1053"), ("demand", "046", "106"), ("demand", "0831", "1041"),
        ("intent", "046", "036"), ("intent", "073", "0333"), ("intent", "085", "0354"), ("intent", "190", "1384"),
        ("threat", "163", "1312"), ("threat", "190", "1384"), ("threat", "161", "1313"),
        ("halt", "046", "164"), ("halt", "163", "085"), ("halt", "073", "1623"),
    ])
    func family(_ family: String, _ act: String, _ expected: String) {
        let got: String
        switch family {
        case "reject": got = CameoRecode.reject(act)
        case "appeal": got = CameoRecode.appeal(act)
        case "demand": got = CameoRecode.demand(act)
        case "intent": got = CameoRecode.intent(act)
        case "threat": got = CameoRecode.threat(act)
        default: got = CameoRecode.halt(act)
        }
        #expect(got == expected, "\(family)(\(act))")
    }
}

struct EventCoderTests {
    /// Hand-parsed sentences and the events the codebook's definitions call for.
    @Test(arguments: [
        // A plain act: source nsubj, target obj.
        ("Israel/PROPN/Israel/2/nsubj attacked/VERB/attack/0/root Gaza/PROPN/Gaza/2/obj ./PUNCT/./2/punct",
         ["ISR>PSE:190@asserted"]),
        // Negation keeps the code and marks it.
        ("Israel/PROPN/Israel/4/nsubj did/AUX/do/4/aux not/PART/not/4/advmod attack/VERB/attack/0/root Syria/PROPN/Syria/4/obj ./PUNCT/./4/punct",
         ["ISR>SYR:190!@asserted"]),
        // Future cooperation is an intent (036).
        ("Iran/PROPN/Iran/3/nsubj will/AUX/will/3/aux meet/VERB/meet/0/root with/ADP/with/5/case Russia/PROPN/Russia/3/obl ./PUNCT/./3/punct",
         ["IRN>RUS:036@future"]),
        // Refusal of a meeting: 125 ("Washington" is the US government).
        ("Iran/PROPN/Iran/2/nsubj refused/VERB/refuse/0/root to/PART/to/4/mark negotiate/VERB/negotiate/2/xcomp with/ADP/with/6/case Washington/PROPN/Washington/4/obl ./PUNCT/./2/punct",
         ["IRN>USAGOV:125@asserted"]),
        // Appeal with a complement: urge to lift sanctions → 0254, target the object.
        ("France/PROPN/France/2/nsubj urged/VERB/urge/0/root Washington/PROPN/Washington/2/obj to/PART/to/5/mark lift/VERB/lift/2/xcomp sanctions/NOUN/sanction/5/obj ./PUNCT/./2/punct",
         ["FRA>USAGOV:0254@asserted"]),
        // Compound subject: one event per actor.
        ("Britain/PROPN/Britain/6/nsubj ,/PUNCT/,/3/punct France/PROPN/France/1/conj and/CCONJ/and/5/cc Germany/PROPN/Germany/1/conj condemned/VERB/condemn/0/root Iran/PROPN/Iran/6/obj ./PUNCT/./6/punct",
         ["GBR>IRN:111@asserted", "FRA>IRN:111@asserted", "DEU>IRN:111@asserted"]),
        // Passive: the agent is the source, the passive subject the target.
        ("Syria/PROPN/Syria/3/nsubj:pass was/AUX/be/3/aux:pass attacked/VERB/attack/0/root by/ADP/by/5/case Turkey/PROPN/Turkey/3/obl:agent ./PUNCT/./3/punct",
         ["TUR>SYR:190@asserted"]),
        // A passive subject that names no actor is still the one acted on: no mention after the verb is the target
        // (the parser made "Chinese" a conjunct of the verb in "criticized by United Nations, U.S., French, Chinese …").
        ("He/PRON/he/3/nsubj:pass was/AUX/be/3/aux:pass criticized/VERB/criticize/0/root by/ADP/by/5/case France/PROPN/France/3/obl:agent ,/PUNCT/,/7/punct Chinese/ADJ/Chinese/3/conj ./PUNCT/./3/punct",
         ["FRA>-:111@asserted"]),
        // A relative pronoun stands for the noun its clause is on: Iran is sanctioned.
        ("Iran/PROPN/Iran/0/root ,/PUNCT/,/5/punct which/PRON/which/5/nsubj:pass was/AUX/be/5/aux:pass sanctioned/VERB/sanction/1/acl:relcl by/ADP/by/8/case the/DET/the/8/det EU/PROPN/EU/5/obl:agent ./PUNCT/./1/punct",
         ["IGOEUREEC>IRN:163@asserted"]),
        // A material act with no target named: a government, police, army or rebels act on their own country; a
        // country named bare acts on no one named.
        ("Sudanese/ADJ/Sudanese/2/amod police/NOUN/police/3/nsubj banned/VERB/ban/0/root imports/NOUN/import/3/obj ./PUNCT/./3/punct",
         ["SDNCOP>SDN:172@asserted"]),
        ("Belgium/PROPN/Belgium/3/nsubj has/AUX/have/3/aux banned/VERB/ban/0/root imports/NOUN/import/3/obj ./PUNCT/./3/punct",
         ["BEL>-:172@asserted"]),
        // The object noun's relative clause says whom it is on: the sanctions Washington imposed on Russia.
        ("The/DET/the/2/det EU/PROPN/EU/3/nsubj reduced/VERB/reduce/0/root the/DET/the/5/det sanctions/NOUN/sanction/3/obj Washington/PROPN/Washington/8/nsubj had/AUX/have/8/aux imposed/VERB/impose/5/acl:relcl on/ADP/on/10/case Russia/PROPN/Russia/8/obl ./PUNCT/./3/punct",
         ["IGOEUREEC>RUS:085@asserted"]),
        // A finite verb right after an actor has it for subject, however the parser attached them, before the
        // speaker of the reported clause.
        ("Chinese/ADJ/Chinese/2/amod analysts/NOUN/analyst/3/nsubj noted/VERB/note/0/root that/SCONJ/that/6/mark trade/NOUN/trade/6/nsubj grew/VERB/grow/3/ccomp before/ADP/before/8/case Russia/PROPN/Russia/6/obl invaded/VERB/invade/10/amod/VBD Ukraine/PROPN/Ukraine/6/obj ./PUNCT/./3/punct",
         ["RUS>UKR:190@reported"]),
        // Domestic event: a target agent without a country, in a sentence naming no other, is the source's own.
        ("Nicaragua/PROPN/Nicaragua/2/nsubj arrested/VERB/arrest/0/root rebels/NOUN/rebel/2/obj ./PUNCT/./2/punct",
         ["NIC>NICREB:173@asserted"]),
        // An ethnic group is coded by where it lives (CAMEO codes residents); "in" needs "ethnic".
        ("Ethnic/ADJ/ethnic/2/amod Albanians/PROPN/Albanian/5/nsubj in/ADP/in/4/case Serbia/PROPN/Serbia/2/nmod attacked/VERB/attack/0/root Greece/PROPN/Greece/5/obj ./PUNCT/./5/punct",
         ["SRB>GRC:190@asserted"]),
        ("Albanians/PROPN/Albanian/4/nsubj in/ADP/in/3/case Serbia/PROPN/Serbia/1/nmod attacked/VERB/attack/0/root Greece/PROPN/Greece/4/obj ./PUNCT/./4/punct",
         ["ALB>GRC:190@asserted"]),
        // Reported speech: the reported act, not the saying.
        ("Russia/PROPN/Russia/2/nsubj said/VERB/say/0/root Ukraine/PROPN/Ukraine/4/nsubj attacked/VERB/attack/2/ccomp Belarus/PROPN/Belarus/4/obj ./PUNCT/./2/punct",
         ["UKR>BLR:190@reported"]),
        // Denial: 016 for the denier; the denied attack is kept, marked denied.
        ("Iran/PROPN/Iran/2/nsubj denied/VERB/deny/0/root attacking/VERB/attack/2/xcomp Iraq/PROPN/Iraq/3/obj ./PUNCT/./2/punct",
         ["IRN>IRQ:190!@denied", "IRN>IRQ:016@asserted"]),
        // Conditional.
        ("If/SCONJ/if/3/mark Iran/PROPN/Iran/3/nsubj attacks/VERB/attack/7/advcl Israel/PROPN/Israel/3/obj ,/PUNCT/,/7/punct Washington/PROPN/Washington/7/nsubj protests/VERB/protest/0/root ./PUNCT/./7/punct",
         ["IRN>ISR:190@conditional", "USAGOV>-:140@asserted"]),
        // Noun-phrase event: the imposition of sanctions on Iran by the United States.
        ("The/DET/the/2/det imposition/NOUN/imposition/0/root of/ADP/of/4/case sanctions/NOUN/sanction/2/nmod on/ADP/on/6/case Iran/PROPN/Iran/4/nmod by/ADP/by/8/case Japan/PROPN/Japan/2/nmod ./PUNCT/./2/punct",
         ["JPN>IRN:163@asserted"]),
        // Talks between X and Y.
        ("Talks/NOUN/talk/0/root between/ADP/between/3/case India/PROPN/India/1/nmod and/CCONJ/and/5/cc Pakistan/PROPN/Pakistan/3/conj ./PUNCT/./1/punct",
         ["IND>PAK:046@asserted"]),
        // "There is no possibility of negotiations with X" said by a minister: a refusal to negotiate (125).
        ("Iran/PROPN/Iran/2/nsubj stated/VERB/state/0/root that/SCONJ/that/5/mark there/PRON/there/5/expl is/VERB/be/2/ccomp no/DET/no/7/det possibility/NOUN/possibility/5/nsubj of/ADP/of/9/case negotiations/NOUN/negotiation/7/nmod with/ADP/with/12/case the/DET/the/12/det Netherlands/PROPN/Netherlands/9/nmod ./PUNCT/./2/punct",
         ["IRN>NLD:125@asserted"]),
        // Threat of force.
        ("China/PROPN/China/2/nsubj threatened/VERB/threaten/0/root to/PART/to/4/mark attack/VERB/attack/2/xcomp Taiwan/PROPN/Taiwan/4/obj ./PUNCT/./2/punct",
         ["CHN>TWN:138@asserted"]),
        // Main events: an act in a relative clause and an event noun under a preposition are background to the
        // main clause's act (114 complain; the raids and the killing are what it complains about).
        ("Lebanon/PROPN/Lebanon/2/nsubj complained/VERB/complain/0/root to/ADP/to/4/case Israel/PROPN/Israel/2/obl over/ADP/over/6/case raids/NOUN/raid/2/obl in/ADP/in/8/case which/PRON/which/11/obl people/NOUN/people/11/nsubj:pass were/AUX/be/11/aux:pass killed/VERB/kill/6/acl:relcl ./PUNCT/./2/punct",
         ["LBN>ISR:114@asserted"]),
        // A hope holds the act it is about (013, not the lifting of martial law).
        ("Germany/PROPN/Germany/2/nsubj hoped/VERB/hope/0/root the/DET/the/4/det lifting/NOUN/lifting/8/nsubj of/ADP/of/7/case martial/ADJ/martial/7/amod law/NOUN/law/4/nmod would/AUX/would/8/aux help/VERB/help/2/ccomp ./PUNCT/./2/punct",
         ["DEU>-:013@asserted"]),
        // No target named: the place the act happens in ("lifted the curfew in Cairo": Egypt, 0813).
        ("Egypt/PROPN/Egypt/2/nsubj lifted/VERB/lift/0/root the/DET/the/4/det curfew/NOUN/curfew/2/obj in/ADP/in/6/case Cairo/PROPN/Cairo/4/nmod ./PUNCT/./2/punct",
         ["EGY>EGYCVL:0813@asserted"]),
        // A material act with no target or place: domestic, on the source's own country.
        ("Iranian/ADJ/Iranian/2/amod police/NOUN/police/3/nsubj arrested/VERB/arrest/0/root dozens/NOUN/dozen/3/obj ./PUNCT/./3/punct",
         ["IRNCOP>IRN:173@asserted"]),
        // A reported "must" clause under any content-clause head is the speaker's demand (10); with no coded act
        // of its own it is a plain demand (100) on the clause's subject.
        ("Britain/PROPN/Britain/2/nsubj reiterated/VERB/reiterate/0/root that/SCONJ/that/6/mark Libya/PROPN/Libya/6/nsubj must/AUX/must/6/aux surrender/VERB/surrender/2/ccomp ./PUNCT/./2/punct",
         ["GBR>LBY:1056@reported"]),
        ("Britain/PROPN/Britain/2/nsubj reiterated/VERB/reiterate/0/root that/SCONJ/that/6/mark Libya/PROPN/Libya/6/nsubj must/AUX/must/6/aux ensure/VERB/ensure/2/ccomp security/NOUN/security/6/obj ./PUNCT/./2/punct",
         ["GBR>LBY:100@reported"]),
        // "failed to reach agreement": the agreement did not come about, a refusal of it (127, reject a plan or
        // agreement to settle a dispute).
        ("Iran/PROPN/Iran/4/nsubj and/CCONJ/and/3/cc Iraq/PROPN/Iraq/1/conj failed/VERB/fail/0/root to/PART/to/6/mark reach/VERB/reach/4/xcomp agreement/NOUN/agreement/6/obj ./PUNCT/./4/punct",
         ["IRN>-:127@asserted", "IRQ>-:127@asserted"]),
        // The requested act hung by the parser under the addressee's conjunct (acl of "Syria") is still the act
        // appealed for: an appeal to settle a dispute (027) to each addressee.
        ("France/PROPN/France/2/nsubj urged/VERB/urge/0/root Iran/PROPN/Iran/2/obj and/CCONJ/and/5/cc Syria/PROPN/Syria/3/conj to/PART/to/7/mark reach/VERB/reach/5/acl an/DET/a/9/det agreement/NOUN/agreement/7/obj ./PUNCT/./2/punct",
         ["FRA>IRN:027@asserted", "FRA>SYR:027@asserted"]),
        // A killing that sits on a bombing is coded as the bombing (183, the more specific assault).
        ("Rebels/NOUN/rebel/2/nsubj killed/VERB/kill/0/root soldiers/NOUN/soldier/2/obj in/ADP/in/6/case a/DET/a/6/det bombing/NOUN/bombing/2/obl ./PUNCT/./2/punct",
         ["REB>MIL:183@asserted"]),
        // "resigned as the opposition threatened ...", misparsed as obl "as the opposition" plus a conjunct verb:
        // the threat is an adverbial clause, background to the resignation (0831).
        ("Georgia/PROPN/Georgia/2/nsubj resigned/VERB/resign/0/root as/ADP/as/5/case the/DET/the/5/det opposition/NOUN/opposition/2/obl threatened/VERB/threaten/2/conj to/PART/to/8/mark storm/VERB/storm/6/xcomp Tbilisi/PROPN/Tbilisi/8/obj ./PUNCT/./2/punct",
         ["GEO>GEOGOV:0831@asserted"]),
        // An agentless passive: the passive subject is acted on; an arrest (173) is an act of the authorities of
        // the place it happens in.
        ("A/DET/a/3/det US/PROPN/US/3/compound national/NOUN/national/5/nsubj:pass was/AUX/be/5/aux:pass arrested/VERB/arrest/0/root in/ADP/in/7/case Italy/PROPN/Italy/5/obl ./PUNCT/./5/punct",
         ["ITA>USA:173@asserted"]),
        // ... and the reporter of an agentless passive did not do it (the attack has no named doer).
        ("Iraqi/ADJ/Iraqi/2/amod soldiers/NOUN/soldier/4/nsubj:pass were/AUX/be/4/aux:pass attacked/VERB/attack/0/root ,/PUNCT/,/7/punct Iran/PROPN/Iran/7/nsubj said/VERB/say/4/parataxis ./PUNCT/./4/punct",
         ["->IRQMIL:190@asserted"]),
        // A demand's content clause names whom it is made on: "demanded that the US cancel ..." (100 on the US).
        ("China/PROPN/China/2/nsubj demanded/VERB/demand/0/root that/SCONJ/that/5/mark the/DET/the/5/det US/PROPN/US/6/nsubj cancel/VERB/cancel/2/ccomp plans/NOUN/plan/6/obj ./PUNCT/./2/punct",
         ["CHN>USA:100@asserted"]),
        // A reporting clause after what it reports: the protest is about the reported clause's subject.
        ("Croatian/ADJ/Croatian/2/amod authorities/NOUN/authority/4/nsubj are/AUX/be/4/aux failing/VERB/fail/0/root refugees/NOUN/refugee/4/obj ,/PUNCT/,/8/punct Serbia/PROPN/Serbia/8/nsubj protested/VERB/protest/4/parataxis ./PUNCT/./4/punct",
         ["SRB>HRVGOV:140@asserted"]),
        // "issued a reminder to Iraq that it must cooperate": the pronoun is the addressee, on whom the demand is made.
        ("France/PROPN/France/2/nsubj issued/VERB/issue/0/root a/DET/a/4/det reminder/NOUN/reminder/2/obj to/ADP/to/6/case Iraq/PROPN/Iraq/4/nmod that/SCONJ/that/10/mark it/PRON/it/10/nsubj must/AUX/must/10/aux cooperate/VERB/cooperate/2/ccomp ./PUNCT/./2/punct",
         ["FRA>IRQ:102@asserted"]),
        // An adjective naming a sector classifies its noun and is no participant: the aid promised (033) is to
        // Mozambique, not to "military".
        ("Britain/PROPN/Britain/2/nsubj promised/VERB/promise/0/root military/ADJ/military/4/amod aid/NOUN/aid/2/obj to/ADP/to/6/case Mozambique/PROPN/Mozambique/4/nmod ./PUNCT/./2/punct",
         ["GBR>MOZ:033@asserted"]),
        // International codes take no country from the sentence.
        ("Al-Qaeda/PROPN/al-Qaeda/2/nsubj attacked/VERB/attack/0/root troops/NOUN/troop/2/obj in/ADP/in/5/case Iraq/PROPN/Iraq/2/obl ./PUNCT/./2/punct",
         ["IMGMUSALQ>IRQMIL:190@asserted"]),
        // A country-less person described by an apposition takes its code ("Kofi Annan, the UN chief").
        ("Britain/PROPN/Britain/2/nsubj criticized/VERB/criticize/0/root Kofi/PROPN/Kofi/2/obj Annan/PROPN/Annan/3/flat ,/PUNCT/,/8/punct the/DET/the/8/det UN/PROPN/UN/8/compound chief/NOUN/chief/3/appos ./PUNCT/./2/punct",
         ["GBR>IGOUNO:111@asserted"]),
        // People "from" a place are of its country (a missionary from Calgary: Canadian, religious sector).
        ("Lebanon/PROPN/Lebanon/2/nsubj arrested/VERB/arrest/0/root a/DET/a/4/det missionary/NOUN/missionary/2/obj from/ADP/from/6/case Calgary/PROPN/Calgary/4/nmod ./PUNCT/./2/punct",
         ["LBN>CANREL:173@asserted"]),
        // A past tense the tagger read as a participle and the parser hung under the subject noun as a clause, with
        // its object labelled an oblique without a preposition ("The Syrian army seized all three pumping stations"):
        // the predicate, 171 seize; a time is no object ("the troops deployed Sunday" stays a modifier).
        ("The/DET/the/3/det Syrian/ADJ/Syrian/3/amod army/NOUN/army/0/root seized/VERB/seize/3/acl/VBN the/DET/the/6/det stations/NOUN/station/4/obl:agent ./PUNCT/./3/punct",
         ["SYRMIL>SYR:171@asserted"]),
        // Tariffs are restrictions on trade (163, "impose embargo, boycott or sanctions"); lifting them eases them
        // (085); a country does not impose them on itself, so none named means no target.
        ("China/PROPN/China/2/nsubj imposed/VERB/impose/0/root tariffs/NOUN/tariff/2/obj on/ADP/on/6/case American/ADJ/American/6/amod goods/NOUN/goods/3/nmod ./PUNCT/./2/punct",
         ["CHN>USA:163@asserted"]),
        ("The/DET/the/2/det U.S./PROPN/U.S./3/nsubj lifted/VERB/lift/0/root tariffs/NOUN/tariff/3/obj on/ADP/on/6/case Mexico/PROPN/Mexico/4/nmod ./PUNCT/./3/punct",
         ["USA>MEX:085@asserted"]),
        ("Canada/PROPN/Canada/2/nsubj levied/VERB/levy/0/root tariffs/NOUN/tariff/2/obj ./PUNCT/./2/punct",
         ["CAN>-:163@asserted"]),
        // An event noun takes the modality of the verb it is the object of, and that verb's subject: "NATO would
        // tighten the naval blockade" is NATO's threat of a blockade (1381); "naval" names a sector, no participant.
        ("NATO/PROPN/NATO/3/nsubj would/AUX/would/3/aux tighten/VERB/tighten/0/root the/DET/the/6/det naval/ADJ/naval/6/amod blockade/NOUN/blockade/3/obj ./PUNCT/./3/punct",
         ["IGOWSTNAT>-:1381@future"]),
        // A verb without a passive tagged as a participle under the subject noun is its past tense ("Israeli troops
        // remained on alert", 152).
        ("Israeli/ADJ/Israeli/2/amod troops/NOUN/troops/0/root remained/VERB/remain/2/acl/VBN on/ADP/on/5/case alert/NOUN/alert/3/obl ./PUNCT/./2/punct",
         ["ISRMIL>ISR:152@asserted"]),
        // Rejecting allegations is denying responsibility (016, "reject accusation, deny responsibility"), not a
        // rejection (12); agreeing with someone is an expression of accord (019) unless an act is agreed to.
        ("Venezuela/PROPN/Venezuela/2/nsubj rejected/VERB/reject/0/root allegations/NOUN/allegation/2/obj ./PUNCT/./2/punct",
         ["VEN>-:016@asserted"]),
        ("Iran/PROPN/Iran/2/nsubj agreed/VERB/agree/0/root with/ADP/with/4/case Oman/PROPN/Oman/2/obl ./PUNCT/./2/punct",
         ["IRN>OMN:019@asserted"]),
        // A decision to act is the act ("decided to ease restrictions", 081); deciding, planning or agreeing not to
        // attend talks is a refusal (125), the negation sitting on the verb whose object the talks are.
        ("Egypt/PROPN/Egypt/2/nsubj decided/VERB/decide/0/root to/PART/to/4/mark ease/VERB/ease/2/xcomp restrictions/NOUN/restriction/4/obj ./PUNCT/./2/punct",
         ["EGY>-:081@asserted"]),
        ("Iran/PROPN/Iran/2/nsubj decided/VERB/decide/0/root not/PART/not/5/advmod to/PART/to/5/mark attend/VERB/attend/2/xcomp the/DET/the/7/det talks/NOUN/talk/5/obj ./PUNCT/./2/punct",
         ["IRN>-:125@asserted"]),
        ("Iran/PROPN/Iran/2/nsubj plans/VERB/plan/0/root not/PART/not/5/advmod to/PART/to/5/mark attend/VERB/attend/2/xcomp the/DET/the/7/det talks/NOUN/talk/5/obj ./PUNCT/./2/punct",
         ["IRN>-:125@asserted"]),
        // An appeal for conflict against someone is a demand (100, verbal conflict), not a cooperative appeal (020).
        ("EU/PROPN/EU/2/nsubj called/VERB/call/0/root for/ADP/for/4/case sanctions/NOUN/sanction/2/obl against/ADP/against/6/case Russia/PROPN/Russia/4/nmod ./PUNCT/./2/punct",
         ["IGOEUREEC>RUS:100@asserted"]),
        // Conjoined subjects of an act done together, with no other party as its object, act toward each other:
        // talks (046) and an exchange of fire (190) go both ways; a condemnation does not.
        ("United_States/PROPN/United_States/4/nsubj and/CCONJ/and/3/cc China/PROPN/China/1/conj held/VERB/hold/0/root talks/NOUN/talk/4/obj ./PUNCT/./4/punct",
         ["USA>CHN:046@asserted", "CHN>USA:046@asserted"]),
        ("India/PROPN/India/4/nsubj and/CCONJ/and/3/cc Pakistan/PROPN/Pakistan/1/conj exchanged/VERB/exchange/0/root fire/NOUN/fire/4/obj ./PUNCT/./4/punct",
         ["IND>PAK:190@asserted", "PAK>IND:190@asserted"]),
        ("Britain/PROPN/Britain/4/nsubj and/CCONJ/and/3/cc France/PROPN/France/1/conj protested/VERB/protest/0/root ./PUNCT/./4/punct",
         ["GBR>-:140@asserted", "FRA>-:140@asserted"]),
        // Military drills conducted alone show force (150); a drone attack employs remotely piloted munitions (1952),
        // also when the tagger took "drone" for a number.
        ("China/PROPN/China/2/nsubj conducted/VERB/conduct/0/root military/ADJ/military/4/amod drills/NOUN/drill/2/obj around/ADP/around/6/case Taiwan/PROPN/Taiwan/2/obl ./PUNCT/./2/punct",
         ["CHN>TWN:150@asserted"]),
        ("Russia/PROPN/Russia/2/nsubj carried/VERB/carry/0/root out/ADP/out/2/compound:prt drone/NUM/drone/5/nummod strikes/NOUN/strike/2/obj against/ADP/against/7/case Ukraine/PROPN/Ukraine/2/obl ./PUNCT/./2/punct",
         ["RUS>UKR:1952@asserted"]),
        // A trade war is a contest of tariffs (163), not fighting (190).
        ("Canada/PROPN/Canada/2/nsubj escalated/VERB/escalate/0/root the/DET/the/5/det trade/NOUN/trade/5/compound war/NOUN/war/2/obj with/ADP/with/7/case China/PROPN/China/5/nmod ./PUNCT/./2/punct",
         ["CAN>CHN:163@asserted"]),
        // Capturing a place is occupying territory (192), capturing people an arrest (173); blowing up
        // infrastructure destroys property (1712); killing an official is an assassination (186).
        ("Rebels/NOUN/rebel/2/nsubj captured/VERB/capture/0/root the/DET/the/4/det town/NOUN/town/2/obj ./PUNCT/./2/punct",
         ["REB>-:192@asserted"]),
        ("Police/NOUN/police/2/nsubj captured/VERB/capture/0/root two/NUM/two/4/nummod rebels/NOUN/rebel/2/obj ./PUNCT/./2/punct",
         ["COP>REB:173@asserted"]),
        ("Rebels/NOUN/rebel/2/nsubj blew/VERB/blow/0/root up/ADP/up/2/compound:prt power/NOUN/power/5/compound lines/NOUN/line/2/obj ./PUNCT/./2/punct",
         ["REB>-:1712@asserted"]),
        ("Rebels/NOUN/rebel/2/nsubj killed/VERB/kill/0/root the/DET/the/5/det police/NOUN/police/5/compound chief/NOUN/chief/2/obj ./PUNCT/./2/punct",
         ["REB>COP:186@asserted"]),
        // A curfew falls on the people of the place it is imposed in: the target is that country's civilians.
        ("Turkish/ADJ/Turkish/2/amod authorities/NOUN/authority/3/nsubj imposed/VERB/impose/0/root a/DET/a/5/det curfew/NOUN/curfew/3/obj in/ADP/in/7/case Istanbul/PROPN/Istanbul/3/obl ./PUNCT/./3/punct",
         ["TURGOV>TURCVL:1723@asserted"]),
        // Conflict forecast in the future tense is a threat (codebook, 130: "'will attack' is coded as 'Threaten to
        // attack'"), as future cooperation is an intent (03).
        ("Russia/PROPN/Russia/3/nsubj will/AUX/will/3/aux attack/VERB/attack/0/root Ukraine/PROPN/Ukraine/3/obj ./PUNCT/./3/punct",
         ["RUS>UKR:1384@future"]),
        // A strike with a direct object is an attack (190); without one, a labour strike (143, "conduct strike or
        // boycott").
        ("Israel/PROPN/Israel/2/nsubj struck/VERB/strike/0/root Iran/PROPN/Iran/2/obj ./PUNCT/./2/punct",
         ["ISR>IRN:190@asserted"]),
        ("Iranian/ADJ/Iranian/2/amod workers/NOUN/worker/3/nsubj struck/VERB/strike/0/root for/ADP/for/6/case higher/ADJ/high/6/amod pay/NOUN/pay/3/obl ./PUNCT/./3/punct",
         ["IRNLAB>-:143@asserted"]),
        // The same with a day between the sentence-initial actor and the verb and a later verbal root ("Germany on
        // Wednesday lifted sanctions against South Africa, a spokesman said"): Germany lifts (085) and, though parsed
        // as a compound of "sanctions", is not their target.
        ("Germany/PROPN/Germany/5/compound on/ADP/on/3/case Wednesday/PROPN/Wednesday/1/nmod lifted/ADJ/lifted/5/amod sanctions/NOUN/sanction/12/ccomp against/ADP/against/8/case South/PROPN/South/8/compound Africa/PROPN/Africa/5/nmod ,/PUNCT/,/12/punct a/DET/a/11/det spokesman/NOUN/spokesman/12/nsubj said/VERB/say/0/root ./PUNCT/./12/punct",
         ["DEU>ZAF:085@reported"]),
        // A past tense the tagger took for a participle on the root noun ("The UN on Tuesday reduced food supplies to
        // Cambodia", root "supplies"): with no finite verb before it, the predicate; 160 reduce relations.
        ("The/DET/the/3/det United/PROPN/United/3/compound Nations/PROPN/Nations/9/nsubj on/ADP/on/5/case Tuesday/PROPN/Tuesday/3/nmod reduced/VERB/reduce/8/amod food/NOUN/food/8/compound supplies/NOUN/supplies/0/root to/ADP/to/10/case Cambodia/PROPN/Cambodia/8/nmod ./PUNCT/./8/punct",
         ["IGOUNO>KHM:160@asserted"]),
        // The place past its modifiers: "in the occupied West Bank" (a curfew, 1723, with no other target).
        ("Israel/PROPN/Israel/2/nsubj imposed/VERB/impose/0/root a/DET/a/4/det curfew/NOUN/curfew/2/obj in/ADP/in/8/case the/DET/the/8/det occupied/ADJ/occupied/8/amod West_Bank/PROPN/West_Bank/2/obl ./PUNCT/./2/punct",
         ["ISR>PSECVL:1723@asserted"]),
        // "X, a Y, did Z" with the description parsed as the subject: the sentence-initial actor is the subject.
        ("Pakistan/PROPN/Pakistan/9/obl:unmarked ,/PUNCT/,/1/punct a/DET/a/6/det key/ADJ/key/6/amod U.S./PROPN/U.S./6/compound ally/NOUN/ally/9/nsubj ,/PUNCT/,/6/punct has/AUX/have/9/aux condemned/VERB/condemn/0/root India/PROPN/India/9/obj ./PUNCT/./9/punct",
         ["PAK>IND:111@asserted"]),
        // A multi-word event noun takes its arguments at its head word ("military aid ... to Mozambique").
        ("Britain/PROPN/Britain/2/nsubj promised/VERB/promise/0/root to/PART/to/4/mark continue/VERB/continue/2/xcomp military/ADJ/military/6/amod aid/NOUN/aid/4/obj to/ADP/to/8/case Mozambique/PROPN/Mozambique/6/nmod ./PUNCT/./2/punct",
         ["GBR>MOZ:0332@asserted"]),
        // Codebook examples: "remained on alert" (152 increase military alert status), "sexually abused" (18 assault).
        ("Israeli/ADJ/Israeli/2/amod troops/NOUN/troop/3/nsubj remained/VERB/remain/0/root on/ADP/on/5/case alert/NOUN/alert/3/obl ./PUNCT/./3/punct",
         ["ISRMIL>ISR:152@asserted"]),
        ("Guards/NOUN/guard/3/nsubj sexually/ADV/sexually/3/advmod abused/VERB/abuse/0/root Mexican/ADJ/Mexican/5/amod immigrants/NOUN/immigrant/3/obj ./PUNCT/./3/punct",
         ["->MEXCVL:182@asserted"]),
        // A complaint addressed to a forum is aimed at what it is about (114 on Israel, not on the UN).
        ("Lebanon/PROPN/Lebanon/2/nsubj complained/VERB/complain/0/root to/ADP/to/5/case the/DET/the/5/det United_Nations/PROPN/United_Nations/2/obl over/ADP/over/8/case Israeli/ADJ/Israeli/8/amod raids/NOUN/raid/2/obl ./PUNCT/./2/punct",
         ["LBN>ISR:114@asserted"]),
        // A pattern ending in its preposition takes that preposition's object, a place too ("arrived in Bosnia", 042).
        ("Canadian/ADJ/Canadian/2/amod troops/NOUN/troop/3/nsubj arrived/VERB/arrive/0/root in/ADP/in/5/case Bosnia/PROPN/Bosnia/3/obl ./PUNCT/./3/punct",
         ["CANMIL>BIH:042@asserted"]),
        // A past tense the tagger read as an adjective right after a sentence-initial actor, in a sentence whose root
        // is a later verb: the predicate, its subject that actor ("Serbia eased emergency measures in Montenegro",
        // 0814 ease state of emergency).
        ("Serbia/PROPN/Serbia/4/compound eased/ADJ/eased/4/amod emergency/NOUN/emergency/4/compound measures/NOUN/measure/9/nsubj in/ADP/in/6/case Montenegro/PROPN/Montenegro/4/nmod as/SCONJ/as/9/mark rebels/NOUN/rebel/9/nsubj fled/VERB/flee/0/root ./PUNCT/./9/punct",
         ["SRB>MNECVL:0814@asserted"]),
        // 057 is signing or ratifying a formal agreement: a standing agreement referred to ("under the 2015 deal",
        // "a return to the accord", which rejected is 127) is no signing, while the act itself still codes ("Iran signed the deal").
        ("Iran/PROPN/Iran/2/nsubj exceeded/VERB/exceed/0/root limits/NOUN/limit/2/obj under/ADP/under/7/case the/DET/the/7/det 2015/NUM/2015/7/nummod deal/NOUN/deal/3/nmod ./PUNCT/./2/punct",
         []),
        ("Iran/PROPN/Iran/2/nsubj rejected/VERB/reject/0/root a/DET/a/4/det return/NOUN/return/2/obj to/ADP/to/7/case the/DET/the/7/det accord/NOUN/accord/4/nmod ./PUNCT/./2/punct",
         ["IRN>-:127@asserted"]),
        ("Iran/PROPN/Iran/2/nsubj signed/VERB/sign/0/root the/DET/the/4/det deal/NOUN/deal/2/obj with/ADP/with/6/case Russia/PROPN/Russia/2/obl ./PUNCT/./2/punct",
         ["IRN>RUS:057@asserted"]),
        // An event noun marked as not (yet) real is hypothetical: "possible talks", "future withdrawals".
        ("The/DET/the/3/det possible/ADJ/possible/3/amod talks/NOUN/talk/0/root between/ADP/between/5/case Iran/PROPN/Iran/3/nmod and/CCONJ/and/7/cc Oman/PROPN/Oman/5/conj ./PUNCT/./3/punct",
         ["IRN>OMN:046@hypothetical"]),
        // A circumstance of the act ("under French pressure") names no participant; halting talks (164) is with
        // others by definition, so the source's own country is no implicit target either.
        ("Germany/PROPN/Germany/2/nsubj suspended/VERB/suspend/0/root talks/NOUN/talk/2/obj under/ADP/under/6/case French/ADJ/French/6/amod pressure/NOUN/pressure/3/nmod ./PUNCT/./2/punct",
         ["DEU>-:164@asserted"]),
        // Protest (141) is demonstrating, not demonstrating something; reinforcing (154) is of armed forces.
        ("Iran/PROPN/Iran/2/nsubj demonstrated/VERB/demonstrate/0/root resolve/NOUN/resolve/2/obj ./PUNCT/./2/punct",
         []),
        ("Iran/PROPN/Iran/2/nsubj reinforced/VERB/reinforce/0/root its/PRON/its/4/nmod:poss position/NOUN/position/2/obj ./PUNCT/./2/punct",
         []),
        ("Russia/PROPN/Russia/2/nsubj reinforced/VERB/reinforce/0/root its/PRON/its/4/nmod:poss troops/NOUN/troop/2/obj ./PUNCT/./2/punct",
         ["RUS>RUSMIL:154@asserted"]),
        // Rolling back commitments halts the cooperation committed to (16), it expresses none (03).
        ("Iran/PROPN/Iran/2/nsubj rolled/VERB/roll/0/root back/ADP/back/2/compound:prt its/PRON/its/5/nmod:poss commitments/NOUN/commitment/2/obj ./PUNCT/./2/punct",
         ["IRN>-:160@asserted"]),
        // An event noun that is the subject of a verb of occurrence takes its modality ("sanctions could
        // follow"); what is said of a real act does not ("the arrest could be unlawful").
        ("Sanctions/NOUN/sanction/3/nsubj could/AUX/could/3/aux follow/VERB/follow/0/root ./PUNCT/./3/punct",
         ["->-:163@hypothetical"]),
        ("Iran/PROPN/Iran/3/nmod:poss 's/PART/'s/1/case sanctions/NOUN/sanction/6/nsubj could/AUX/could/6/aux be/AUX/be/6/cop unlawful/ADJ/unlawful/0/root ./PUNCT/./6/punct",
         ["IRN>-:163@asserted"]),
        // An act named bare and judged under a modal is only supposed: "direct negotiations would be productive".
        ("Direct/ADJ/direct/2/amod negotiations/NOUN/negotiation/5/nsubj would/AUX/would/5/aux be/AUX/be/5/cop productive/ADJ/productive/0/root ./PUNCT/./5/punct",
         ["->-:046@hypothetical"]),
        // A noun of intent nobody holds tells a likelihood, not an intent (036 needs someone expressing it).
        ("The/DET/the/2/det possibility/NOUN/possibility/5/nsubj of/ADP/of/4/case negotiations/NOUN/negotiation/2/nmod appears/VERB/appear/0/root remote/ADJ/remote/5/xcomp ./PUNCT/./5/punct",
         []),
        // An infinitive under an impersonal "it is crucial to" is anyone's act: no mention nearby does it.
        ("When/ADV/when/10/advmod analyzing/VERB/analyze/3/amod statements/NOUN/statement/10/advcl from/ADP/from/6/case Iranian/ADJ/Iranian/6/amod officials/NOUN/official/3/nmod ,/PUNCT/,/3/punct it/PRON/it/10/expl is/AUX/be/10/cop crucial/ADJ/crucial/0/root to/PART/to/12/mark consider/VERB/consider/10/csubj the/DET/the/15/det domestic/ADJ/domestic/15/amod audience/NOUN/audience/12/obj ./PUNCT/./10/punct",
         ["->-:014@asserted"]),
        // What is believed or expected is not asserted: "analysts expect talks with Iran".
        ("Analysts/NOUN/analyst/2/nsubj expect/VERB/expect/0/root talks/NOUN/talk/2/obj with/ADP/with/5/case Iran/PROPN/Iran/3/nmod ./PUNCT/./2/punct",
         ["->IRN:046@hypothetical"]),
        // Coordinated country modifiers of one role noun are each a participant: "Hungarian and Romanian officials".
        ("Hungarian/PROPN/Hungarian/4/compound and/CCONJ/and/3/cc Romanian/ADJ/Romanian/1/conj officials/NOUN/official/5/nsubj condemned/VERB/condemn/0/root the/DET/the/7/det attack/NOUN/attack/5/obj ./PUNCT/./5/punct",
         ["HUNGOV>-:111@asserted", "ROUGOV>-:111@asserted"]),
        // Who reports an act is not its target: "..., government officials said".
        ("Denmark/PROPN/Denmark/2/nsubj criticized/VERB/criticize/0/root the/DET/the/4/det plan/NOUN/plan/2/obj ,/PUNCT/,/8/punct government/NOUN/government/7/compound officials/NOUN/official/8/nsubj said/VERB/say/2/parataxis ./PUNCT/./2/punct",
         ["DNK>-:111@asserted"]),
        // An example of a noun is done by whoever does it: "US hostility, including sanctions" (USA's sanctions).
        ("Iran/PROPN/Iran/2/nsubj resents/VERB/resent/0/root US/PROPN/US/4/compound hostility/NOUN/hostility/2/obj ,/PUNCT/,/7/punct including/VERB/include/7/case sanctions/NOUN/sanction/4/nmod ./PUNCT/./2/punct",
         ["USA>-:163@asserted"]),
        // A sector-only adjective classifies its noun ("for military purposes"): no participant, even as the
        // nearest mention after the trigger.
        ("Iran/PROPN/Iran/2/nsubj denied/VERB/deny/0/root the/DET/the/4/det claims/NOUN/claim/2/obj for/ADP/for/7/case military/ADJ/military/7/amod reasons/NOUN/reason/2/obl ./PUNCT/./2/punct",
         ["IRN>-:016@asserted"]),
        // What is discussed is no participant ("discussed Iran's nuclear program"); a "with" phrase is, wherever
        // the parse attaches it; the place a consultation is held in is no party to it.
        ("Britain/PROPN/Britain/2/nsubj discussed/VERB/discuss/0/root Iran/PROPN/Iran/6/nmod:poss 's/PART/'s/3/case nuclear/ADJ/nuclear/6/amod program/NOUN/program/2/obj ./PUNCT/./2/punct",
         ["GBR>-:040@asserted"]),
        ("Britain/PROPN/Britain/2/nsubj discussed/VERB/discuss/0/root Iran/PROPN/Iran/6/nmod:poss 's/PART/'s/3/case nuclear/ADJ/nuclear/6/amod program/NOUN/program/2/obj with/ADP/with/8/case France/PROPN/France/6/nmod ./PUNCT/./2/punct",
         ["GBR>FRA:040@asserted"]),
        ("Britain/PROPN/Britain/2/nsubj discussed/VERB/discuss/0/root the/DET/the/4/det program/NOUN/program/2/obj in/ADP/in/6/case Brussels/PROPN/Brussels/2/obl ./PUNCT/./2/punct",
         ["GBR>-:040@asserted"]),
        // Interest in an act is an intent to do it; what there is "no sign" of is not asserted.
        ("Iran/PROPN/Iran/3/nsubj is/AUX/be/3/cop interested/ADJ/interested/0/root in/SCONJ/in/5/mark talking/VERB/talk/3/advcl to/ADP/to/7/case Russia/PROPN/Russia/5/obl ./PUNCT/./3/punct",
         ["IRN>RUS:036@asserted"]),
        ("There/PRON/there/2/expl is/VERB/be/0/root no/DET/no/4/det sign/NOUN/sign/2/nsubj that/SCONJ/that/7/mark Iran/PROPN/Iran/7/nsubj attacked/VERB/attack/4/acl Iraq/PROPN/Iraq/7/obj ./PUNCT/./2/punct",
         ["IRN>IRQ:190@hypothetical"]),
        // An act completing a modal verb with a preposition shares its modality; a circumstance does not.
        ("The/DET/the/2/det US/PROPN/US/4/nsubj could/AUX/could/4/aux respond/VERB/respond/0/root with/ADP/with/6/case sanctions/NOUN/sanction/4/obl on/ADP/on/8/case Iran/PROPN/Iran/6/nmod ./PUNCT/./4/punct",
         ["USA>IRN:163@hypothetical"]),
        ("Iran/PROPN/Iran/3/nsubj would/AUX/would/3/aux suffer/VERB/suffer/0/root after/ADP/after/6/case Israel/PROPN/Israel/6/nmod:poss attack/NOUN/attack/3/obl on/ADP/on/8/case Iraq/PROPN/Iraq/6/nmod ./PUNCT/./3/punct",
         ["ISR>IRQ:190@asserted"]),
        // "as opposed to" compares; it is no opposition.
        ("Turkey/PROPN/Turkey/2/nsubj sleeps/VERB/sleep/0/root in/ADP/in/4/case Moscow/PROPN/Moscow/2/obl ,/PUNCT/,/10/punct as/ADV/as/7/advmod opposed/VERB/oppose/10/case to/ADP/to/7/fixed U.S./PROPN/U.S./10/compound schools/NOUN/school/2/obl ./PUNCT/./2/punct",
         []),
        // A verb form used as a preposition is no act: "given the risks" gives nothing.
        ("Given/VERB/give/3/case the/DET/the/3/det risks/NOUN/risk/6/obl ,/PUNCT/,/3/punct Iran/PROPN/Iran/6/nsubj waited/VERB/wait/0/root ./PUNCT/./6/punct",
         []),
        // "try to" is an attempt, "tried the journalists" a trial (173); "in order" is an arrangement, no order.
        ("Iran/PROPN/Iran/2/nsubj tried/VERB/try/0/root to/PART/to/4/mark rank/VERB/rank/2/xcomp things/NOUN/thing/4/obj in/ADP/in/7/case order/NOUN/order/4/obl ./PUNCT/./2/punct",
         []),
        ("Iran/PROPN/Iran/2/nsubj tried/VERB/try/0/root the/DET/the/4/det journalists/NOUN/journalist/2/obj ./PUNCT/./2/punct",
         ["IRN>IRNMED:173@asserted"]),
        // "ceased fire" declares a ceasefire (0871).
        ("The/DET/the/2/det rebels/NOUN/rebel/3/nsubj ceased/VERB/cease/0/root fire/NOUN/fire/3/obj ./PUNCT/./3/punct",
         ["REB>-:0871@asserted"]),
        // A reporter's request for comment is no appeal, and ignoring it no defiance; a request for talks is one.
        ("Iran/PROPN/Iran/2/nsubj ignored/VERB/ignore/0/root VOA/PROPN/VOA/4/compound requests/NOUN/request/2/obj for/ADP/for/6/case comment/NOUN/comment/4/nmod ./PUNCT/./2/punct",
         []),
        ("China/PROPN/China/4/nsubj did/AUX/do/4/aux not/PART/not/4/advmod respond/VERB/respond/0/root to/ADP/to/7/case a/DET/a/7/det request/NOUN/request/4/obl for/ADP/for/9/case comment/NOUN/comment/7/nmod ./PUNCT/./4/punct",
         []),
        ("Iran/PROPN/Iran/2/nsubj rejected/VERB/reject/0/root a/DET/a/4/det request/NOUN/request/2/obj for/ADP/for/6/case talks/NOUN/talk/4/nmod from/ADP/from/8/case Israel/PROPN/Israel/4/nmod ./PUNCT/./2/punct",
         ["IRN>ISR:120@asserted"]),
        // Two subjects joined by "and" but parsed as siblings hold their joint drills together (062 each way), not
        // the first alone with its own country.
        ("The/DET/the/2/det U.S./PROPN/U.S./7/nsubj and/CCONJ/and/6/cc South/PROPN/South/5/compound Korean/PROPN/Korean/6/compound militaries/NOUN/military/7/nsubj held/VERB/hold/0/root joint/ADJ/joint/9/amod drills/NOUN/drill/7/obj ./PUNCT/./7/punct",
         ["USAMIL>KORMIL:062@asserted", "KORMIL>USAMIL:062@asserted"]),
        // A clash of persons is a dispute in words (110), of states or forces a fight (190), of crowds a riot (145).
        ("French/ADJ/French/3/amod President/PROPN/President/3/compound Macron/PROPN/Macron/4/nsubj clashed/VERB/clash/0/root with/ADP/with/8/case U.S./PROPN/U.S./8/compound President/PROPN/President/8/compound Trump/PROPN/Trump/4/obl ./PUNCT/./4/punct",
         ["FRAGOV>USAGOV:110@asserted"]),
        ("India/PROPN/India/4/nsubj and/CCONJ/and/3/cc China/PROPN/China/1/conj clashed/VERB/clash/0/root on/ADP/on/7/case the/DET/the/7/det border/NOUN/border/4/obl ./PUNCT/./4/punct",
         ["IND>CHN:190@asserted", "CHN>IND:190@asserted"]),
        ("Protesters/NOUN/protester/2/nsubj clashed/VERB/clash/0/root with/ADP/with/4/case police/NOUN/police/2/obl ./PUNCT/./2/punct",
         ["OPP>COP:145@asserted"]),
        // Forces with no country named are forces all the same: rebels and soldiers fight (190), they do not riot.
        ("Rebels/NOUN/rebel/2/nsubj clashed/VERB/clash/0/root with/ADP/with/4/case soldiers/NOUN/soldier/2/obl ./PUNCT/./2/punct",
         ["REB>MIL:190@asserted"]),
        // Two country modifiers of one role noun joined by "and", parsed as siblings: both are participants.
        ("Russian/ADJ/Russian/4/amod and/CCONJ/and/3/cc DPRK/PROPN/DPRK/4/compound leaders/NOUN/leader/5/nsubj signed/VERB/sign/0/root a/DET/a/7/det treaty/NOUN/treaty/5/obj ./PUNCT/./5/punct",
         ["RUSGOV>PRKGOV:057@asserted", "PRKGOV>RUSGOV:057@asserted"]),
        // "International rights groups" belong to no one country: they take none from the sentence.
        ("International/ADJ/international/3/amod rights/NOUN/right/3/compound groups/NOUN/group/4/nsubj condemned/VERB/condemn/0/root Thailand/PROPN/Thailand/4/obj for/SCONJ/for/7/mark sending/VERB/send/4/advcl Uyghurs/PROPN/Uyghur/7/obj to/ADP/to/10/case China/PROPN/China/7/obl ./PUNCT/./4/punct",
         ["HRI>THA:111@asserted"]),
        // "A great deal of" is a quantity, not an agreement.
        ("Iran/PROPN/Iran/2/nsubj faces/VERB/face/0/root a/DET/a/5/det great/ADJ/great/5/amod deal/NOUN/deal/2/obj of/ADP/of/7/case uncertainty/NOUN/uncertainty/5/nmod ./PUNCT/./2/punct",
         []),
        // An event named as the subject of a negated verb of occurrence did not happen.
        ("Talks/NOUN/talk/8/nsubj between/ADP/between/3/case Iran/PROPN/Iran/1/nmod and/CCONJ/and/5/cc France/PROPN/France/3/conj did/AUX/do/8/aux not/PART/not/8/advmod take/VERB/take/0/root place/NOUN/place/8/obj ./PUNCT/./8/punct",
         ["IRN>FRA:046!@asserted"]),
        // A clash the parser hung under its subject as a participle: a verb with no passive is the predicate.
        ("Indian/ADJ/Indian/4/amod and/CCONJ/and/3/cc Chinese/ADJ/Chinese/1/conj troops/NOUN/troops/0/root clashed/VERB/clash/4/acl/VBN on/ADP/on/8/case the/DET/the/8/det border/NOUN/border/5/obl ./PUNCT/./4/punct",
         ["INDMIL>CHNMIL:190@asserted", "CHNMIL>INDMIL:190@asserted"]),
        // What a discussion is about is its topic, not its other side; "with" names the other side.
        ("Iran/PROPN/Iran/2/nsubj held/VERB/hold/0/root discussions/NOUN/discussion/2/obj about/ADP/about/5/case Iraq/PROPN/Iraq/3/nmod with/ADP/with/7/case France/PROPN/France/2/obl ./PUNCT/./2/punct",
         ["IRN>FRA:040@asserted"]),
        ("The/DET/the/2/det US/PROPN/US/3/nsubj had/VERB/have/0/root no/DET/no/5/det discussions/NOUN/discussion/3/obj about/ADP/about/7/case China/PROPN/China/5/nmod ./PUNCT/./3/punct",
         ["USA>-:040!@asserted"]),
        // Pausing or ceasing aid stops it (162), it gives none (070); aid stopped toward no one named is no domestic act.
        ("The/DET/the/2/det US/PROPN/US/3/nsubj halted/VERB/halt/0/root aid/NOUN/aid/3/obj ./PUNCT/./3/punct",
         ["USA>-:162@asserted"]),
        ("The/DET/the/2/det US/PROPN/US/3/nsubj paused/VERB/pause/0/root aid/NOUN/aid/3/obj to/ADP/to/6/case Ukraine/PROPN/Ukraine/3/obl ./PUNCT/./3/punct",
         ["USA>UKR:162@asserted"]),
        ("The/DET/the/2/det US/PROPN/US/3/nsubj ceased/VERB/cease/0/root military/ADJ/military/5/amod assistance/NOUN/assistance/3/obj to/ADP/to/7/case Ukraine/PROPN/Ukraine/3/obl ./PUNCT/./3/punct",
         ["USA>UKR:162@asserted"]),
    ] as [(String, [String])])
    func coded(_ spec: String, _ expected: [String]) throws {
        let d = try parsed(spec)
        #expect(Set(summary(d)) == Set(expected), "\(d.text)")
    }

    /// Patterns of one length: the tightest match wins, and a plural matches the pattern's singular ("withdraw
    /// its troops from": 0874 withdraw troops, not 160 withdraw from); a word the tokenizer split at its hyphen
    /// matches the noun lexicon whole ("cease - fire", 0871 declare a ceasefire, as the act named).
    @Test func tightestPatternAndSplitHyphen() throws {
        let w = try parsed("Syria/PROPN/Syria/2/nsubj withdrew/VERB/withdraw/0/root its/PRON/its/4/nmod:poss troops/NOUN/troops/2/obj from/ADP/from/6/case Lebanon/PROPN/Lebanon/2/obl ./PUNCT/./2/punct")
        #expect(w.events.map(\.cameo) == ["0874"])
        let c = try parsed("Iran/PROPN/Iran/2/nsubj announced/VERB/announce/0/root a/DET/a/6/det cease/NOUN/cease/6/compound -/PUNCT/-/4/punct fire/NOUN/fire/2/obj ./PUNCT/./2/punct")
        #expect(c.events.map(\.cameo) == ["0871"])
    }

    @Test func eventDateIsTheNearestDateElseThePublicationDay() throws {
        let a = try parsed("On/ADP/on/2/case November_9,_2025/PROPN/November_9,_2025/4/obl ,/PUNCT/,/4/punct Iran/PROPN/Iran/5/nsubj attacked/VERB/attack/0/root Iraq/PROPN/Iraq/5/obj ./PUNCT/./5/punct")
        #expect(a.events.first?.date == "2025-11-09")
        let b = try parsed("Iran/PROPN/Iran/2/nsubj attacked/VERB/attack/0/root Iraq/PROPN/Iraq/2/obj ./PUNCT/./2/punct")
        #expect(b.events.first?.date == "2025-11-12")
    }

    /// A definite act told again takes the date of its earlier dated telling (same code, source and target
    /// countries), not the publication day; an indefinite one does not.
    @Test func retoldActTakesItsEarlierDate() throws {
        let d = try parsed("In/ADP/in/2/case 2018/NUM/2018/5/obl the/DET/the/4/det US/PROPN/US/5/nsubj sanctioned/VERB/sanction/0/root Iran/PROPN/Iran/5/obj ./PUNCT/./5/punct"
            + " || The/DET/the/3/det US/PROPN/US/3/compound sanctions/NOUN/sanction/6/nsubj on/ADP/on/5/case Iran/PROPN/Iran/3/nmod hurt/VERB/hurt/0/root ./PUNCT/./6/punct"
            + " || New/ADJ/new/2/amod sanctions/NOUN/sanction/7/nsubj on/ADP/on/4/case Iran/PROPN/Iran/2/nmod by/ADP/by/6/case US/PROPN/US/2/nmod followed/VERB/follow/0/root ./PUNCT/./7/punct")
        let dates = d.events.map { "\($0.sentence):\($0.cameo):\($0.date ?? "-")" }
        #expect(dates == ["0:163:2018", "1:163:2018", "2:163:2025-11-12"], "\(summary(d)) \(dates)")
    }

    /// Told first and dated later by the same noun or verb: the later date is the act's, unless it only starts a
    /// span ("since 2018").
    @Test func retoldActTakesALaterOwnDate() throws {
        let first = "The/DET/the/3/det US/PROPN/US/3/compound sanctions/NOUN/sanction/6/nsubj on/ADP/on/5/case Iran/PROPN/Iran/3/nmod hurt/VERB/hurt/0/root ./PUNCT/./6/punct"
        let d = try parsed(first + " || In/ADP/in/2/case 2018/NUM/2018/5/obl the/DET/the/4/det US/PROPN/US/5/nsubj sanctioned/VERB/sanction/0/root Iran/PROPN/Iran/5/obj ./PUNCT/./5/punct")
        #expect(d.events.map { "\($0.sentence):\($0.cameo):\($0.date ?? "-")" } == ["0:163:2018", "1:163:2018"], "\(summary(d))")
        let s = try parsed(first + " || The/DET/the/2/det US/PROPN/US/4/nsubj has/AUX/have/4/aux sanctioned/VERB/sanction/0/root Iran/PROPN/Iran/4/obj since/ADP/since/7/case 2018/NUM/2018/4/obl ./PUNCT/./4/punct")
        #expect(s.events.first.map { "\($0.sentence):\($0.cameo):\($0.date ?? "-")" } == "0:163:2025-11-12", "\(summary(s))")
    }

    /// An act completing a modal verb with a preposition shares its modality only when indefinite: "would
    /// compensate for the US withdrawal" does not make the withdrawal a future act (it read as a threat, 131).
    @Test func definiteActUnderAModalVerbStaysReal() throws {
        let d = try parsed("The/DET/the/2/det UK/PROPN/UK/4/nsubj would/AUX/would/4/aux compensate/VERB/compensate/0/root Iran/PROPN/Iran/4/obj for/ADP/for/9/case the/DET/the/9/det US/PROPN/US/9/compound withdrawal/NOUN/withdrawal/4/obl ./PUNCT/./4/punct")
        let e = try #require(d.events.first { $0.cameo.hasPrefix("16") || $0.cameo.hasPrefix("13") }, "\(summary(d))")
        #expect(e.cameo == "160" && e.modality == .asserted, "\(summary(d))")
    }

    @Test func locationFromInPlace() throws {
        let d = try parsed("Iran/PROPN/Iran/2/nsubj met/VERB/meet/0/root Russia/PROPN/Russia/2/obj in/ADP/in/5/case Geneva/PROPN/Geneva/2/obl ./PUNCT/./2/punct")
        #expect(d.events.first?.location?.text == "Geneva")
        #expect(d.events.first?.location?.country == "CHE")
        #expect(d.events.first?.target?.code == "RUS")
    }

    @Test func hostileInputCodesNothing() throws {
        var d = Document(id: "x", text: "")
        try EventCoder().process(&d)
        #expect(d.events.isEmpty)
        var e = Document(id: "y", text: "attack attack attack")
        e.sentences = [Sentence(span: Span(0, 20), tokens: 0..<3)]
        e.tokens = [Token(span: Span(0, 6), form: "attack"), Token(span: Span(7, 13), form: "attack"), Token(span: Span(14, 20), form: "attack")]
        try EventCoder().process(&e)
        #expect(e.events.count == 3)
        #expect(e.events.allSatisfy { $0.source == nil && $0.cameo == "190" })
    }
}

/// The reference article's two bars, through the whole engine (bundled tagger, parser, actors): an excerpt
/// written inline so the test needs no shared data.
struct SeedArticleEventTests {
    static let text = """
    The possibility of direct negotiations appears increasingly remote, a situation underscored by recent statements from Iranian Foreign Minister Abbas Araghchi.
    On november 9, 2025, Foreign Minister Abbas Araghchi unequivocally stated that “there is no possibility” of negotiations with the United States.
    To understand the present impasse, a brief review of recent history is essential. the JCPOA, initially hailed as a landmark achievement in diplomacy, placed verifiable limits on Iran’s nuclear programme in exchange for sanctions relief. Though, the 2018 withdrawal by the US, coupled with the reimposition of crippling sanctions, fundamentally altered the equation.
    """

    /// A text run through the whole text engine, the actor recogniser and the coder.
    func coded(text: String, published: String) throws -> Document {
        let stages = try TextEngine.stages() + [try ActorRecognizer(), try EventCoder()]
        var d = Document(id: "t", text: text, published: ISO8601DateFormatter().date(from: published))
        try Pipeline(stages).run(&d)
        return d
    }

    @Test func seedBars() throws {
        let d = try coded(text: Self.text, published: "2025-11-12T21:48:07Z")
        let refusal = d.events.first { $0.cameo.hasPrefix("12") && $0.source?.code == "IRNGOV" && $0.target?.code == "USA" }
        #expect(refusal?.cameo == "125")
        #expect(refusal?.date == "2025-11-09")
        #expect(refusal?.negated == false)
        let sanctions = d.events.first { $0.cameo == "163" && $0.source?.code == "USA" && $0.target?.code == "IRN" }
        #expect(sanctions?.date == "2018")
        let withdrawal = d.events.first { $0.root == "16" && $0.triggerText == "withdrawal" }
        #expect(withdrawal?.source?.code == "USA")
        #expect(withdrawal?.date == "2018")
    }

    /// A pronoun subject in reported speech is the subject of the nearest verb of saying above it, not the outlet
    /// that reports it (the full pipeline, so that the quote finder's speaker is in play).
    @Test func pronounInNestedReportIsTheNearerSpeaker() throws {
        let d = try coded(text: "On Monday, CNN reported that Trump told his top advisers he does not want to meet with Kim before the election.", published: "2019-11-25T12:00:00Z")
        let refusal = try #require(d.events.first { $0.cameo.hasPrefix("12") }, "\(d.events)")
        #expect(refusal.source?.code == "USAGOV", "\(d.events)")
    }

    /// A noun event with no target in its sentence takes the country the passage is about, not one of a list of
    /// many named before it.
    @Test func nounEventTakesNoTargetFromAList() throws {
        let d = try coded(text: "The talks brought together ministers from Britain, Canada, France and Japan. Rubio has underscored the need for monitors if a ceasefire is implemented.", published: "2025-03-13T12:00:00Z")
        let ceasefire = try #require(d.events.first { $0.sentence == 1 && $0.cameo.hasPrefix("087") }, "\(d.events)")
        #expect(ceasefire.target?.code != "JPN", "\(d.events)")
        let e = try coded(text: "Iran enriched uranium. Rubio has underscored the need for monitors if a ceasefire is implemented.", published: "2025-03-13T12:00:00Z")
        #expect(e.events.contains { $0.sentence == 1 && $0.cameo.hasPrefix("087") && $0.target?.code == "IRN" }, "\(e.events)")
    }

    /// Giving or sending words, news or a state of mind is no aid (070); a letter or speech given or sent is a
    /// statement; a byline's "contributed to this report" is no act.
    @Test func immaterialGiftsAreNoAid() throws {
        let byline = try coded(text: "Tobias Mudzingwa of VOA's Urdu Service contributed to this report.", published: "2025-03-13T12:00:00Z")
        #expect(byline.events.isEmpty, "\(byline.events)")
        let details = try coded(text: "The general said he was unable to provide additional details. The jailbreak sent jitters through Haiti.", published: "2025-03-13T12:00:00Z")
        #expect(!details.events.contains { $0.cameo.hasPrefix("07") }, "\(details.events)")
        let letter = try coded(text: "US President Donald Trump has sent a letter to the head of the World Health Organization.", published: "2025-03-13T12:00:00Z")
        #expect(letter.events.contains { $0.cameo == "010" && $0.source?.code == "USAGOV" } && !letter.events.contains { $0.cameo.hasPrefix("07") }, "\(letter.events)")
        let aid = try coded(text: "The United States sent weapons to Ukraine.", published: "2025-03-13T12:00:00Z")
        #expect(aid.events.contains { $0.cameo.hasPrefix("07") && $0.target?.code == "UKR" }, "\(aid.events)")
    }

    /// Force against animals or against a condition is no act between parties; against people it is.
    @Test func forceAgainstAnimalsOrConditionsIsNoAct() throws {
        let dogs = try coded(text: "In Indonesia, thousands of dogs are slaughtered every month.", published: "2025-03-13T12:00:00Z")
        #expect(!dogs.events.contains { ["18", "19", "20"].contains($0.root) }, "\(dogs.events)")
        let fire = try coded(text: "As governments continue climate talks in Madrid, experts say wind will be crucial to fight the escalating rise of greenhouse gasses.", published: "2025-03-13T12:00:00Z")
        #expect(!fire.events.contains { $0.root == "19" }, "\(fire.events)")
        let troops = try coded(text: "Spanish troops attacked the rebels in the north.", published: "2025-03-13T12:00:00Z")
        #expect(troops.events.contains { $0.root == "19" }, "\(troops.events)")
    }

    /// A noun event named by a demonstrative ("this cooperation") was told of before: the speaker is not its doer.
    @Test func demonstrativeNounEventIsNotTheSpeakers() throws {
        let d = try coded(text: "Russia and North Korea signed a defense pact. “We are deeply concerned about the advancement of this cooperation,” U.S. Ambassador Robert Wood said.", published: "2024-06-28T12:00:00Z")
        #expect(!d.events.contains { $0.sentence == 1 && $0.source?.code.hasPrefix("USA") == true && $0.cameo.hasPrefix("05") }, "\(d.events)")
    }

    /// An act inside a quotation takes no target from outside it: the speaker is not the one it is done to.
    @Test func quotedActTakesNoTargetFromOutsideTheQuote() throws {
        let d = try coded(text: "“Last week, Russian and DPRK leaders signed a treaty,” Robert Wood, U.S. deputy U.N. ambassador, told reporters.", published: "2024-06-28T12:00:00Z")
        let signed = try #require(d.events.first { $0.cameo.hasPrefix("05") }, "\(d.events)")
        #expect(signed.target?.code != "USAGOV", "\(d.events)")
    }
}
