/// Short names of CAMEO event codes for readable descriptions.
enum CAMEONames {
    static let roots: [String: String] = [
        "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult", "05": "engage in diplomatic cooperation",
        "06": "engage in material cooperation", "07": "provide aid", "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove",
        "12": "reject", "13": "threaten", "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce",
        "18": "assault", "19": "fight", "20": "use unconventional mass violence",
    ]
    static let codes: [String: String] = [
        "036": "express intent to meet or negotiate", "040": "consult", "042": "make a visit", "043": "host a visit", "046": "engage in negotiation",
        "057": "sign formal agreement", "061": "cooperate economically", "081": "ease administrative sanctions", "085": "ease economic sanctions",
        "111": "criticize or denounce", "112": "accuse", "120": "reject", "125": "reject proposal to meet, discuss or negotiate",
        "1246": "refuse to ease sanctions", "130": "threaten", "138": "threaten with military force", "160": "reduce relations",
        "161": "reduce or break diplomatic relations", "162": "reduce or stop material aid", "163": "impose embargo, boycott or sanctions",
        "166": "expel or withdraw", "172": "impose administrative sanctions", "173": "arrest or detain", "190": "use conventional military force",
        "193": "fight with small arms", "195": "employ aerial weapons",
    ]

    static func name(_ code: String) -> String {
        codes[code] ?? roots[String(code.prefix(2))] ?? "event"
    }
}
