import ParleyModel

/// The standard text engine: tokenize and split, tag, lemmatize, parse, find dates and quotes.
public enum TextEngine {
    /// The stages in order, with the bundled models (loaded once per process).
    public static func stages() throws -> [any TextStage] {
        [
            Tokenizer(),
            try PerceptronTagger.bundled(),
            try Lemmatizer.bundled(),
            try DependencyParser.bundled(),
            DateTagger(),
            QuoteFinder(),
        ]
    }

    public static func pipeline() throws -> Pipeline {
        try Pipeline(stages())
    }
}
