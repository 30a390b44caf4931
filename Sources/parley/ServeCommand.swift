import ArgumentParser
import Foundation
import ParleyServer
import ParleyStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API and the dashboard over a store.",
        discussion: """
        Reads are open. Writes (POST /api/documents) need `Authorization: Bearer <token>` with the token given by \
        --token or $PARLEY_TOKEN; without one configured, writes are refused (403). Stops cleanly on SIGINT or SIGTERM.
        The API is described at /openapi.json; the dashboard is at /.
        """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port).") var port = 8080
    @Option(help: "Bearer token for writes (default: $PARLEY_TOKEN).") var token: String?
    @Option(name: .customLong("max-body"), help: "Largest request body in bytes (413 beyond).") var maxBody = 8 << 20

    func run() async throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port: \(port) is not a port number") }
        guard maxBody > 0 else { throw ValidationError("--max-body: must be positive") }
        var config = ServerConfiguration(host: host, port: port, token: token ?? ProcessInfo.processInfo.environment["PARLEY_TOKEN"], maxBodyBytes: maxBody)
        if config.token?.isEmpty == true { config.token = nil }
        try await runServer(store: try await store.open(), configuration: config, location: store.location)
    }
}

/// Runs the server until SIGINT or SIGTERM, printing where it listens.
func runServer(store: any EventStore, configuration: ServerConfiguration, location: String) async throws {
    let writes = configuration.token == nil ? "writes disabled (no token)" : "writes need the bearer token"
    let app = buildApplication(store: store, configuration: configuration) { port in
        // Written straight to the file descriptor: tests and scripts read the address while the server runs.
        FileHandle.standardOutput.write(Data("Parley serving \(location) on http://\(configuration.host):\(port)/ — \(writes); Ctrl-C to stop\n".utf8))
    }
    try await app.runService()
}
