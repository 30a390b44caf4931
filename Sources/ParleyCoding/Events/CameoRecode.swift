/// How control words recode the event they govern, following the CAMEO codebook's parallel families:
/// an appeal for X (02), a demand for X (10), an intent to do X (03), a refusal of X (12), a threat of X (13),
/// halting X (16, or easing when X is itself a restriction).
enum CameoRecode {
    /// Cooperative acts (roots 03–08) and their verbal forms (02, 10, 12 stay as they are).
    static func isCooperative(_ code: String) -> Bool {
        guard let r = Int(code.prefix(2)) else { return false }
        return (3...8).contains(r)
    }

    static func isConflict(_ code: String) -> Bool {
        guard let r = Int(code.prefix(2)) else { return false }
        return r >= 13 && r != 9
    }

    /// The appeal (02) family code for a requested act.
    static func appeal(_ c: String) -> String {
        switch c {
        case _ where c.hasPrefix("04") || c == "036" || c == "046": return c == "045" ? "028" : "026"
        case "039", "038", "045": return "028"
        case "057", "037": return "027"
        case "061": return "0211"
        case "062": return "0212"
        case "063": return "0213"
        case "064": return "0214"
        case _ where c.hasPrefix("06") || c.hasPrefix("031"): return "021"
        case "071": return "0231"
        case "072": return "0232"
        case "073": return "0233"
        case "074": return "0234"
        case _ where c.hasPrefix("07") || c.hasPrefix("033"): return "023"
        case "0831", "0341": return "0241"
        case "0832", "0342": return "0242"
        case "0833", "0343": return "0243"
        case "083", "034": return "024"
        case "081", "0811", "0812", "0813", "0814", "0351": return "0251"
        case "082", "0352": return "0252"
        case "084", "0841", "0842", "0353": return "0253"
        case "085", "0354": return "0254"
        case "086", "0861", "0862", "0863", "0355": return "0255"
        case "087", "0871", "0872", "0873", "0874", "0356": return "0256"
        case _ where c.hasPrefix("08") || c.hasPrefix("035"): return "025"
        case _ where c.hasPrefix("05") || c.hasPrefix("032"): return "022"
        case _ where c.hasPrefix("02"): return c
        // An appeal for conflict ("called for sanctions against the commanders") is a demand (10), verbal conflict.
        case _ where isConflict(c): return "100"
        default: return "020"
        }
    }

    /// The demand (10) family: 02X ↔ 10X, 02XY ↔ 10XY.
    static func demand(_ c: String) -> String {
        let a = appeal(c)
        return "10" + a.dropFirst(2)
    }

    /// Intent to do a cooperative act (03); a conflictual one becomes a threat.
    static func intent(_ c: String) -> String {
        switch c {
        case _ where c.hasPrefix("03"): return c
        case "045", "039": return "039"
        case "038": return "038"
        case _ where c.hasPrefix("04"): return "036"
        case "057", "037": return "030"
        case "061": return "0311"
        case "062": return "0312"
        case "063": return "0313"
        case "064": return "0314"
        case _ where c.hasPrefix("06"): return "031"
        case "071": return "0331"
        case "072": return "0332"
        case "073": return "0333"
        case "074": return "0334"
        case _ where c.hasPrefix("07"): return "033"
        case "0831": return "0341"
        case "0832": return "0342"
        case "0833": return "0343"
        case "083": return "034"
        case "081", "0811", "0812", "0813", "0814": return "0351"
        case "082": return "0352"
        case "084", "0841", "0842": return "0353"
        case "085": return "0354"
        case "086", "0861", "0862", "0863": return "0355"
        case "087", "0871", "0872", "0873", "0874": return "0356"
        case _ where c.hasPrefix("08"): return "035"
        case _ where c.hasPrefix("05"): return "032"
        case _ where c.hasPrefix("01") || c.hasPrefix("02") || c.hasPrefix("10") || c.hasPrefix("11") || c.hasPrefix("12") || c.hasPrefix("09"): return c
        default: return threat(c)
        }
    }

    /// Refusal (12) of an act, a proposal or a demand.
    static func reject(_ c: String) -> String {
        // A requested or intended act is refused like the act itself.
        var act = c
        if c.hasPrefix("02") || c.hasPrefix("10") {
            switch c.dropFirst(2).prefix(1) {
            case "6": act = "046"
            case "7": act = "037"
            case "8": act = "045"
            case "1": act = c.count == 4 ? "06" + c.suffix(1) : "06"
            case "3": act = c.count == 4 ? "07" + c.suffix(1) : "07"
            case "4": act = "083"
            case "5": act = c.count == 4 ? ["081", "082", "0841", "085", "086", "087"][max(0, min(5, (Int(c.suffix(1)) ?? 1) - 1))] : "08"
            default: act = "05"
            }
        }
        if act.hasPrefix("03") {
            switch act {
            case "036": act = "046"
            case "037", "030": act = "057"
            case "038", "039": act = "045"
            case _ where act.hasPrefix("031"): act = "06"
            case _ where act.hasPrefix("033"): act = "07"
            case _ where act.hasPrefix("034"): act = "083"
            case "0351": act = "081"
            case "0352": act = "082"
            case "0353": act = "0841"
            case "0354": act = "085"
            case "0355": act = "086"
            case "0356": act = "087"
            default: act = "05"
            }
        }
        switch act {
        case "045": return "126"
        case _ where act.hasPrefix("04"): return "125"
        case "057": return "127"
        case "061": return "1211"
        case "062": return "1212"
        case "063": return "1213"
        case "064": return "1214"
        case _ where act.hasPrefix("06"): return "121"
        case "071": return "1221"
        case "072": return "1222"
        case "073": return "1223"
        case "074": return "1224"
        case _ where act.hasPrefix("07"): return "122"
        case "0831": return "1231"
        case "0832": return "1232"
        case "0833": return "1233"
        case "0834": return "1234"
        case "083": return "123"
        case "081", "0811", "0812", "0813", "0814": return "1241"
        case "082": return "1242"
        case "084", "0841", "0842": return "1243"
        case "085": return "1244"
        case "086", "0861", "0862", "0863": return "1245"
        case "087", "0871", "0872", "0873", "0874": return "1246"
        case _ where act.hasPrefix("08"): return "124"
        case _ where act.hasPrefix("12"): return act
        default: return "120"
        }
    }

    /// A threat (13) to carry out a conflictual act.
    static func threat(_ c: String) -> String {
        switch c {
        case _ where c.hasPrefix("13"): return c
        case "162", "1621", "1622", "1623": return "1311"
        case "163": return "1312"
        case "161": return "1313"
        case "164": return "134"
        case "165": return "135"
        case "166", "1661", "1662", "1663": return "136"
        case _ where c.hasPrefix("16"): return "131"
        case "1721": return "1321"
        case "1722": return "1322"
        case "1723": return "1323"
        case "1724": return "1324"
        case "172": return "132"
        case _ where c.hasPrefix("14"): return "133"
        case _ where c.hasPrefix("17"): return "137"
        case "191": return "1381"
        case "192": return "1382"
        case _ where c.hasPrefix("18"): return "1383"
        case _ where c.hasPrefix("19"): return "1384"
        case _ where c.hasPrefix("20"): return "1385"
        case _ where c.hasPrefix("15"): return "138"
        default: return "130"
        }
    }

    /// Halting an act: halting cooperation reduces relations (16); halting a restriction or an attack yields (08).
    static func halt(_ c: String) -> String {
        switch c {
        case "045": return "165"
        case _ where c.hasPrefix("04") || c == "036": return "164"
        case "071": return "1621"
        case "072": return "1622"
        case "073": return "1623"
        case _ where c.hasPrefix("07"): return "162"
        case _ where c.hasPrefix("05") || c.hasPrefix("06"): return "161"
        case "163": return "085"
        case "0862", "0861", "086": return "166"
        case "1723": return "0813"
        case "1724": return "0814"
        case _ where c.hasPrefix("17"): return "081"
        case _ where c.hasPrefix("14"): return "082"
        case _ where c.hasPrefix("18") || c.hasPrefix("19") || c.hasPrefix("20"): return "087"
        case _ where c.hasPrefix("16"): return "080"
        default: return "160"
        }
    }
}
