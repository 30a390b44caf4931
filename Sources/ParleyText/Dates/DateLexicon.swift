/// The words the date tagger knows. Each word is packed into a UInt64 (5 bits a letter, up to 12 letters),
/// so a lookup is one hash of an integer, with no collisions.
enum DW: UInt16 {
    case none = 0
    // months 1...12 (+ abbreviations share the case)
    case jan, feb, mar, apr, may, jun, jul, aug, sep, oct, nov, dec
    // weekdays
    case mon, tue, wed, thu, fri, sat, sun
    // deictic days and references
    case today, yesterday, tomorrow, tonight, now, currently, current, nowadays, recently, recent, lately
    case previously, formerly, soon, future, past, present, moment
    // modifiers
    case last, this, next, previous, coming, upcoming, following, latest, earlier, later, early, late, mid
    case end, beginning, start, same, these, that, the, of, `in`, on, at, `for`, since, until, during, by, from
    case every, each, per, ago, before, after, ahead, other, near, few, several, couple, some, many, about
    case nearly, almost, over, within, than, more, less, around, least, fiscal, year_ago, earlier_adj
    case daily, weekly, monthly, annually, hourly, quarterly
    // units
    case day, days, week, weeks, weekend, weekends, month, months, year, years, quarter, quarters
    case decade, decades, century, centuries, hour, hours, minute, minutes, half, period
    case morning, afternoon, evening, night, overnight, noon, midnight, midday
    case spring, summer, fall, autumn, winter
    // numbers
    case a, an, one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, thirteen, fourteen
    case fifteen, sixteen, seventeen, eighteen, nineteen, twenty, thirty, forty, fifty, sixty, seventy, eighty
    case ninety, hundred
    case first, second, third, fourth, fifth, sixth, seventh, eighth, ninth, tenth, eleventh, twelfth
    case st, nd, rd, th, s, q
    case am, pm, est, edt, gmt, utc, cst, pst, et
    case christmas, thanksgiving, eve, new, independence
    // tense cues
    case will, shall, would, was, were, had, did, said, told, has, have, `is`, are, be, been, plans, expected
    case scheduled, due, ll, long, old, account, affairs, events, electric, possible, `as`, then, up, date
    case thousand, pastIrregular, twenties, thirties, forties, fifties, sixties, seventies, eighties, nineties
    case term, full, planned, might, slated, set, to, hopes
    case percent, people, troops, points, votes, shares, cases, dollars, tons, barrels, miles, feet
    case meters, km, kilometers, acres, residents, units, members, soldiers, workers
    case preceding, prior, ended, ending, effective, corresponding, comparable, election, and, or, through, pre, post
}

enum DateLexicon {
    static func pack(_ s: String) -> UInt64 {
        var k: UInt64 = 0
        for b in s.utf8 { k = k << 5 | UInt64(b - 0x60) }
        return k
    }

    static let entries: [(String, DW)] = [
        ("january", .jan), ("jan", .jan), ("february", .feb), ("feb", .feb), ("march", .mar), ("mar", .mar),
        ("april", .apr), ("apr", .apr), ("may", .may), ("june", .jun), ("jun", .jun), ("july", .jul),
        ("jul", .jul), ("august", .aug), ("aug", .aug), ("september", .sep), ("sep", .sep), ("sept", .sep),
        ("october", .oct), ("oct", .oct), ("november", .nov), ("nov", .nov), ("december", .dec), ("dec", .dec),
        ("monday", .mon), ("mon", .mon), ("tuesday", .tue), ("tue", .tue), ("tues", .tue),
        ("wednesday", .wed), ("wed", .wed), ("thursday", .thu), ("thu", .thu), ("thur", .thu), ("thurs", .thu),
        ("friday", .fri), ("fri", .fri), ("saturday", .sat), ("sat", .sat), ("sunday", .sun), ("sun", .sun),
        ("today", .today), ("yesterday", .yesterday), ("tomorrow", .tomorrow), ("tonight", .tonight),
        ("now", .now), ("currently", .currently), ("current", .current), ("nowadays", .nowadays),
        ("recently", .recently), ("recent", .recent), ("lately", .lately), ("previously", .previously),
        ("formerly", .formerly), ("soon", .soon), ("future", .future), ("past", .past), ("present", .present),
        ("moment", .moment),
        ("last", .last), ("this", .this), ("next", .next), ("previous", .previous), ("prior", .previous),
        ("coming", .coming), ("upcoming", .upcoming), ("following", .following), ("latest", .latest),
        ("earlier", .earlier), ("later", .later), ("early", .early), ("late", .late), ("mid", .mid),
        ("end", .end), ("beginning", .beginning), ("start", .start), ("same", .same), ("these", .these),
        ("that", .that), ("the", .the), ("of", .of), ("in", .in), ("on", .on), ("at", .at), ("for", .for),
        ("since", .since), ("until", .until), ("till", .until), ("during", .during), ("by", .by), ("from", .from),
        ("every", .every), ("each", .each), ("per", .per), ("ago", .ago), ("before", .before), ("after", .after),
        ("ahead", .ahead), ("other", .other), ("near", .near), ("few", .few), ("several", .several),
        ("couple", .couple), ("some", .some), ("many", .many), ("about", .about), ("nearly", .nearly),
        ("almost", .almost), ("over", .over), ("within", .within), ("than", .than), ("more", .more),
        ("less", .less), ("around", .around), ("least", .least), ("fiscal", .fiscal),
        ("daily", .daily), ("weekly", .weekly), ("monthly", .monthly), ("annually", .annually),
        ("yearly", .annually), ("hourly", .hourly), ("quarterly", .quarterly),
        ("day", .day), ("days", .days), ("week", .week), ("weeks", .weeks), ("weekend", .weekend),
        ("weekends", .weekends), ("month", .month), ("months", .months), ("year", .year), ("years", .years),
        ("quarter", .quarter), ("quarters", .quarters), ("decade", .decade), ("decades", .decades),
        ("century", .century), ("centuries", .centuries), ("hour", .hour), ("hours", .hours),
        ("minute", .minute), ("minutes", .minutes), ("half", .half), ("period", .period),
        ("morning", .morning), ("afternoon", .afternoon), ("evening", .evening), ("night", .night),
        ("overnight", .overnight), ("noon", .noon), ("midnight", .midnight), ("midday", .midday),
        ("spring", .spring), ("summer", .summer), ("fall", .fall), ("autumn", .autumn), ("winter", .winter),
        ("a", .a), ("an", .an), ("one", .one), ("two", .two), ("three", .three), ("four", .four),
        ("five", .five), ("six", .six), ("seven", .seven), ("eight", .eight), ("nine", .nine), ("ten", .ten),
        ("eleven", .eleven), ("twelve", .twelve), ("thirteen", .thirteen), ("fourteen", .fourteen),
        ("fifteen", .fifteen), ("sixteen", .sixteen), ("seventeen", .seventeen), ("eighteen", .eighteen),
        ("nineteen", .nineteen), ("twenty", .twenty), ("thirty", .thirty), ("forty", .forty),
        ("fifty", .fifty), ("sixty", .sixty), ("seventy", .seventy), ("eighty", .eighty), ("ninety", .ninety),
        ("hundred", .hundred),
        ("first", .first), ("second", .second), ("third", .third), ("fourth", .fourth), ("fifth", .fifth),
        ("sixth", .sixth), ("seventh", .seventh), ("eighth", .eighth), ("ninth", .ninth), ("tenth", .tenth),
        ("eleventh", .eleventh), ("twelfth", .twelfth),
        ("st", .st), ("nd", .nd), ("rd", .rd), ("th", .th), ("s", .s), ("q", .q),
        ("am", .am), ("pm", .pm), ("est", .est), ("edt", .edt), ("gmt", .gmt), ("utc", .utc), ("cst", .cst),
        ("pst", .pst), ("et", .et), ("cdt", .cst), ("pdt", .pst), ("bst", .gmt),
        ("christmas", .christmas), ("thanksgiving", .thanksgiving), ("eve", .eve), ("new", .new),
        ("independence", .independence),
        ("will", .will), ("shall", .shall), ("would", .would), ("was", .was), ("were", .were), ("had", .had),
        ("did", .did), ("said", .said), ("told", .told), ("has", .has), ("have", .have), ("is", .is),
        ("are", .are), ("be", .be), ("been", .been), ("expected", .expected),
        ("scheduled", .scheduled), ("due", .due), ("ll", .ll), ("long", .long), ("old", .old),
        ("account", .account), ("accounts", .account), ("affairs", .affairs), ("events", .events),
        ("electric", .electric), ("possible", .possible), ("as", .as), ("then", .then), ("up", .up),
        ("date", .date), ("term", .term), ("thousand", .thousand), ("twenties", .twenties), ("thirties", .thirties), ("forties", .forties),
        ("fifties", .fifties), ("sixties", .sixties), ("seventies", .seventies), ("eighties", .eighties),
        ("nineties", .nineties),
        ("took", .pastIrregular), ("came", .pastIrregular), ("went", .pastIrregular), ("met", .pastIrregular), ("made", .pastIrregular), ("gave", .pastIrregular), ("held", .pastIrregular), ("began", .pastIrregular), ("left", .pastIrregular), ("saw", .pastIrregular), ("sent", .pastIrregular), ("won", .pastIrregular), ("lost", .pastIrregular), ("fought", .pastIrregular), ("fell", .pastIrregular), ("rose", .pastIrregular), ("struck", .pastIrregular), ("led", .pastIrregular), ("spoke", .pastIrregular), ("wrote", .pastIrregular), ("brought", .pastIrregular), ("bought", .pastIrregular), ("sold", .pastIrregular), ("thought", .pastIrregular), ("felt", .pastIrregular), ("kept", .pastIrregular), ("ran", .pastIrregular), ("stood", .pastIrregular), ("got", .pastIrregular), ("became", .pastIrregular), ("broke", .pastIrregular), ("chose", .pastIrregular), ("drove", .pastIrregular), ("flew", .pastIrregular), ("grew", .pastIrregular), ("knew", .pastIrregular), ("paid", .pastIrregular), ("sought", .pastIrregular), ("meant", .pastIrregular), ("heard", .pastIrregular), ("built", .pastIrregular), ("caught", .pastIrregular), ("taught", .pastIrregular), ("threw", .pastIrregular), ("forgot", .pastIrregular), ("rang", .pastIrregular), ("sang", .pastIrregular), ("swore", .pastIrregular), ("tore", .pastIrregular), ("wore", .pastIrregular), ("woke", .pastIrregular), ("arose", .pastIrregular), ("froze", .pastIrregular), ("hid", .pastIrregular), ("shook", .pastIrregular), ("slid", .pastIrregular), ("spent", .pastIrregular), ("lent", .pastIrregular), ("bent", .pastIrregular), ("fled", .pastIrregular), ("overtook", .pastIrregular), ("withdrew", .pastIrregular), ("undertook", .pastIrregular), ("full", .full), ("planned", .planned), ("might", .might), ("slated", .slated),
        ("set", .set), ("to", .to), ("plans", .plans), ("plan", .plans),
        ("hopes", .hopes), ("hope", .hopes), ("expects", .hopes), ("intends", .hopes), ("aims", .hopes), ("wants", .hopes),
        ("seeks", .hopes),
        ("percent", .percent), ("people", .people), ("troops", .troops), ("points", .points),
        ("votes", .votes), ("shares", .shares), ("cases", .cases), ("dollars", .dollars), ("tons", .tons),
        ("barrels", .barrels), ("miles", .miles), ("feet", .feet), ("meters", .meters), ("km", .km),
        ("kilometers", .kilometers), ("acres", .acres), ("residents", .residents), ("units", .units),
        ("members", .members), ("soldiers", .soldiers), ("workers", .workers),
        ("preceding", .preceding), ("prior", .prior), ("ended", .ended), ("ending", .ending),
        ("effective", .effective), ("and", .and), ("or", .or), ("through", .through), ("pre", .pre), ("post", .post), ("comparable", .comparable), ("election", .election),
    ]

    static let table: [UInt64: DW] = {
        var t: [UInt64: DW] = [:]
        for (s, w) in entries { t[pack(s)] = w }
        return t
    }()

    static func month(_ w: DW) -> Int? {
        let r = Int(w.rawValue)
        return r >= Int(DW.jan.rawValue) && r <= Int(DW.dec.rawValue) ? r - Int(DW.jan.rawValue) + 1 : nil
    }

    static func weekday(_ w: DW) -> Int? {
        let r = Int(w.rawValue)
        return r >= Int(DW.mon.rawValue) && r <= Int(DW.sun.rawValue) ? r - Int(DW.mon.rawValue) + 1 : nil
    }

    /// Cardinal number words (one … ninety; "a"/"an" = 1).
    static func cardinal(_ w: DW) -> Int? {
        switch w {
        case .a, .an, .one: 1
        case .two: 2
        case .three: 3
        case .four: 4
        case .five: 5
        case .six: 6
        case .seven: 7
        case .eight: 8
        case .nine: 9
        case .ten: 10
        case .eleven: 11
        case .twelve: 12
        case .thirteen: 13
        case .fourteen: 14
        case .fifteen: 15
        case .sixteen: 16
        case .seventeen: 17
        case .eighteen: 18
        case .nineteen: 19
        case .twenty: 20
        case .thirty: 30
        case .forty: 40
        case .fifty: 50
        case .sixty: 60
        case .seventy: 70
        case .eighty: 80
        case .ninety: 90
        default: nil
        }
    }

    static func ordinal(_ w: DW) -> Int? {
        let r = Int(w.rawValue)
        return r >= Int(DW.first.rawValue) && r <= Int(DW.twelfth.rawValue) ? r - Int(DW.first.rawValue) + 1 : nil
    }

    enum Unit: UInt8 { case day, week, month, year, quarter, decade, century, hour, minute, weekend }

    /// Unit words and whether they are plural.
    static func unit(_ w: DW) -> (Unit, plural: Bool)? {
        switch w {
        case .day: (.day, false)
        case .days: (.day, true)
        case .week: (.week, false)
        case .weeks: (.week, true)
        case .month: (.month, false)
        case .months: (.month, true)
        case .year: (.year, false)
        case .years: (.year, true)
        case .quarter: (.quarter, false)
        case .quarters: (.quarter, true)
        case .decade: (.decade, false)
        case .decades: (.decade, true)
        case .century: (.century, false)
        case .centuries: (.century, true)
        case .hour: (.hour, false)
        case .hours: (.hour, true)
        case .minute: (.minute, false)
        case .minutes: (.minute, true)
        case .weekend: (.weekend, false)
        case .weekends: (.weekend, true)
        default: nil
        }
    }

    static func partOfDay(_ w: DW) -> String? {
        switch w {
        case .morning: "MO"
        case .afternoon: "AF"
        case .evening: "EV"
        case .night, .overnight: "NI"
        default: nil
        }
    }

    static func season(_ w: DW) -> String? {
        switch w {
        case .spring: "SP"
        case .summer: "SU"
        case .fall, .autumn: "FA"
        case .winter: "WI"
        default: nil
        }
    }

    /// Words that signal a date expression may start here (the quick-rejection set).
    static func isTrigger(_ w: DW) -> Bool {
        let r = w.rawValue
        return (r >= DW.jan.rawValue && r <= DW.moment.rawValue) || (r >= DW.daily.rawValue && r <= DW.winter.rawValue)
            || (r >= DW.christmas.rawValue && r <= DW.independence.rawValue) || w == .q || w == .election
    }
}

/// A set of date words as a bit set: membership is a shift and a mask.
struct DWSet: Sendable {
    private var bits: [UInt64] = Array(repeating: 0, count: 8)

    init(_ words: [DW]) {
        for w in words { bits[Int(w.rawValue) >> 6] |= 1 << UInt64(w.rawValue & 63) }
    }

    @inline(__always) func contains(_ w: DW) -> Bool {
        let r = Int(w.rawValue)
        return r >> 6 < bits.count && bits[r >> 6] & (1 << UInt64(r & 63)) != 0
    }
}
