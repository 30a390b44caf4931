/// Word classes the quotation finder needs, keyed by a case-folded byte hash so lookups on the
/// hot path allocate nothing. Curly apostrophes fold to straight ones.
enum QuoteLexicon {
    struct Class: OptionSet, Sendable {
        let rawValue: UInt32
        /// A verb that introduces speech or writing ("said", "told", "wrote", "tweeted").
        static let cue = Class(rawValue: 1 << 0)
        /// A cue verb that also takes a reported clause ("said that …", "warned …").
        static let clause = Class(rawValue: 1 << 1)
        /// Subject pronouns for one person.
        static let personPronoun = Class(rawValue: 1 << 2)
        /// Subject pronouns for a group or an organisation.
        static let groupPronoun = Class(rawValue: 1 << 3)
        static let determiner = Class(rawValue: 1 << 4)
        /// Words skipped between a subject and its verb ("also", "has", "later").
        static let adverb = Class(rawValue: 1 << 5)
        /// Words that end a noun phrase scanned leftwards or rightwards.
        static let stop = Class(rawValue: 1 << 6)
        static let preposition = Class(rawValue: 1 << 7)
        /// Titles and roles that precede a name ("President", "Foreign", "Minister", "Sen.").
        static let title = Class(rawValue: 1 << 8)
        /// Capitalised words that are not names (days, months, sentence-initial function words).
        static let notName = Class(rawValue: 1 << 9)
        /// Nouns that make a mention an organisation ("ministry", "department", "campaign").
        static let organisation = Class(rawValue: 1 << 10)
        /// Abbreviations that keep their period ("Mr.", "Gov.", "U.S.").
        static let abbreviation = Class(rawValue: 1 << 11)
        /// Words for a written or spoken statement that can itself be a source ("statement").
        static let statement = Class(rawValue: 1 << 12)
        /// Female courtesy titles.
        static let female = Class(rawValue: 1 << 13)
        /// Male courtesy titles.
        static let male = Class(rawValue: 1 << 14)
        /// Time words that end a subject scanned rightwards ("Monday", "yesterday").
        static let time = Class(rawValue: 1 << 15)
        /// Object pronouns and other words that never head a speaker.
        static let nonSubject = Class(rawValue: 1 << 16)
        /// Cue verbs that take a hearer before the reported clause ("told reporters that").
        static let takesObject = Class(rawValue: 1 << 17)
        /// Verbs that cue speech only with a particle: "shot back", "fired back", "went on".
        static let phrasal = Class(rawValue: 1 << 18)
        /// Determiners that make the next word a noun ("the post", "a tweet", "his statement").
        static let article = Class(rawValue: 1 << 19)
        /// Cue verbs whose reported clause may follow without "that" ("said Iran would …").
        static let bareClause = Class(rawValue: 1 << 20)
        /// Words that begin or end place names, not people's: "North Korea", "United States", "Saudi Arabia".
        static let placeWord = Class(rawValue: 1 << 21)
    }

    /// FNV-1a over ASCII-lowercased bytes; ’ (E2 80 99) and ‘ fold to '.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = start
        while i < end {
            var c = bytes[i]
            if c == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 || bytes[i + 2] == 0x98 {
                c = 0x27
                i += 2
            } else if c >= 0x41 && c <= 0x5A {
                c |= 0x20
            }
            h = (h ^ UInt64(c)) &* 0x100_0000_01b3
            i += 1
        }
        return h
    }

    static func hash(_ string: String) -> UInt64 {
        var s = string
        return s.withUTF8 { hash($0, 0, $0.count) }
    }

    static let table: [UInt64: Class] = {
        var t: [UInt64: Class] = [:]
        func add(_ words: String, _ c: Class) {
            for w in words.split(separator: " ") { t[hash(String(w)), default: []].insert(c) }
        }
        // Speech verbs with regular inflections: base, -s, -ed, -ing.
        let regularClause = "add state announce warn insist deny claim argue note explain suggest confirm report "
            + "acknowledge admit confess concede predict declare assert maintain contend caution emphasize emphasise stress "
            + "complain reiterate allege recall remark observe conclude reply respond answer counter testify promise "
            + "vow pledge boast agree disclose reveal signal indicate"
        let regularOnly = "tweet post ask quip joke continue urge shout yell chant muse lament comment interject "
            + "exclaim recount describe echo scoff sneer cry plead demand retort gush marvel"
        for base in regularClause.split(separator: " ") + regularOnly.split(separator: " ") {
            let b = String(base)
            let isClause = regularClause.split(separator: " ").contains(base)
            let c: Class = isClause ? [.cue, .clause] : [.cue]
            var forms = [b]
            if b.hasSuffix("e") {
                forms += [b + "s", b + "d", String(b.dropLast()) + "ing"]
            } else if b.hasSuffix("y"), !"aeiou".contains(b.dropLast().last ?? "a") {
                forms += [String(b.dropLast()) + "ies", String(b.dropLast()) + "ied", b + "ing"]
            } else if b.hasSuffix("sh") || b.hasSuffix("ch") || b.hasSuffix("s") || b.hasSuffix("x") {
                forms += [b + "es", b + "ed", b + "ing"]
            } else {
                forms += [b + "s", b + "ed", b + "ing"]
            }
            if b == "admit" { forms += ["admitted", "admitting"] }
            if b == "quip" { forms += ["quipped", "quipping"] }
            if b == "plead" { forms += ["pled"] }
            for f in forms { t[hash(f), default: []].formUnion(c) }
        }
        add("say says said saying tell tells told telling write writes wrote writing written "
            + "think thinks thought believe believes believed", [.cue, .clause])
        add("speak speaks spoke read reads according", .cue)
        add("the a an his her their its our my your this these those that every another", .article)
        add("say says said tell tells told write writes wrote think thinks thought believe believes believed "
            + "claim claims claimed warn warns warned insist insists insisted argue argues argued suggest suggests "
            + "suggested predict predicts predicted contend contends contended maintain maintains maintained "
            + "assert asserts asserted stress stresses stressed emphasize emphasizes emphasized add adds added "
            + "acknowledge acknowledges acknowledged admit admits admitted note notes noted concede concedes conceded "
            + "complain complains complained allege alleges alleged", .bareClause)
        add("shot shoots fired fires hit hits snapped snaps pushed pushes went", .phrasal)
        add("he she", .personPronoun)
        add("they it we", .groupPronoun)
        add("i you", .personPronoun)
        add("him her them us me his its their our my your there this these those who which what", .nonSubject)
        add("the a an his her their its our this these those another every each some many several one", .determiner)
        add("also later then previously recently once has have had would will 'd had shall could may might "
            + "again further simply repeatedly flatly just has only even still already first last famously "
            + "reportedly publicly privately quickly quietly openly frequently often never always not "
            + "since long earlier can cannot can't should must did does didn't doesn't don't won't wouldn't "
            + "couldn't shouldn't hasn't haven't hadn't isn't wasn't is was are were has been have been "
            + "actually apparently initially subsequently separately elsewhere directly specifically "
            + "personally explicitly bluntly candidly emphatically loudly", .adverb)
        add("tell tells told telling warn warns warned warning assure assures assured remind reminds reminded "
            + "inform informs informed advise advises advised notify notified convince convinced persuade "
            + "persuaded promise promises promised caution cautioned urge urged ask asked", .takesObject)
        add("and or but that which who whom whose when while as because if after before since where so though "
            + "although than whether until unless yet nor is was are were be been being do does did to "
            + "there here not", .stop)
        add("in on at during from with by about into over under after before against among between through "
            + "to toward towards via per amid following", .preposition)
        add("president vice prime minister foreign secretary sen sen. senator rep rep. representative gov gov. "
            + "governor mr mr. mrs mrs. ms ms. dr dr. gen gen. general lt lt. col col. chief former ambassador "
            + "spokesman spokeswoman spokesperson supreme leader ayatollah king queen prince princess pope judge justice "
            + "speaker chairman chairwoman chair director deputy mayor sheriff commissioner attorney minister "
            + "defense defence interior state press white house pastor rev rev. reverend sir lord dame "
            + "candidate nominee democratic republican gop presidential sgt sgt. adm adm. admiral capt capt. "
            + "captain professor prof prof. lawmaker congressman congresswoman commander senior top official "
            + "officials leader majority minority whip clerk host anchor executive ceo founder "
            + "economist analyst adviser advisor aide strategist pollster", .title)
        add("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
            + "july august september october november december jan jan. feb feb. mar mar. apr apr. jun jun. "
            + "jul jul. aug aug. sep sep. sept sept. oct oct. nov nov. dec dec. the a an this that these those "
            + "it he she they we i you his her their our its in on at but and or if when while as after before "
            + "for of to so yet still even also then there here however meanwhile instead now today yesterday "
            + "tomorrow last next one what why how where who which no yes not all some many most more both "
            + "each every any my your mine did does do is was are were has had have will would can could should "
            + "may might must let do don't please thank thanks well oh", .notName)
        add("ministry department office campaign government committee council administration agency "
            + "commission party white house service bureau court company corporation group organization "
            + "organisation foundation institute center centre union team network channel newspaper "
            + "paper times post journal news agency embassy mission army military police force forces "
            + "spokesman spokeswoman spokesperson pentagon kremlin congress senate parliament cabinet "
            + "board association coalition alliance movement caucus firm university report poll survey",
            .organisation)
        add("mr. mr mrs. mrs ms. ms dr. dr gov. gov sen. sen rep. rep gen. gen lt. lt col. col st. st "
            + "jr. jr sr. sr sgt. sgt adm. adm capt. capt prof. prof rev. rev u.s. u.n. u.k. e.u. d.c. "
            + "jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. no. vs. inc. co. corp. ltd. "
            + "a.m. p.m. ft. mt. ariz. calif. fla. ill. mass. mich. minn. tenn. tex. va. wash. wis. n.y. "
            + "n.j. pa. ky. la. md. mo. nev. okla. ore. s.c. n.c. conn. colo. ala. ark. ga. ind. kan. miss. "
            + "neb. vt. wyo.", .abbreviation)
        add("statement release letter post tweet report memo ad advertisement email e-mail message "
            + "note video website site blog op-ed editorial filing complaint lawsuit document transcript "
            + "announcement poll survey study", .statement)
        add("north south east west northern southern eastern western central united saudi korea arabia africa "
            + "america kingdom states emirates republic zealand lanka islands", .placeWord)
        add("mrs mrs. ms ms. miss madam lady queen princess", .female)
        add("mr mr. sir king prince lord", .male)
        add("monday tuesday wednesday thursday friday saturday sunday yesterday today tonight tomorrow "
            + "earlier later recently last this next week month year morning afternoon evening night weekend", .time)
        return t
    }()

    @inline(__always)
    static func lookup(_ h: UInt64) -> Class { table[h] ?? [] }
}
