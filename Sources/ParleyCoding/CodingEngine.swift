import ParleyModel
import ParleyText

/// Parley's whole reading of a document: the text engine, then actors (and events where a coder is given).
public enum CodingEngine {
    public static func stages(knownPeople: [LearnedOffice] = []) throws -> [any TextStage] {
        try TextEngine.stages() + [try ActorRecognizer(knownPeople: knownPeople)]
    }

    public static func pipeline(knownPeople: [LearnedOffice] = []) throws -> Pipeline {
        try Pipeline(stages(knownPeople: knownPeople))
    }
}
