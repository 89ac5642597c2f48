import ArgumentParser
import Foundation
import LightboxDomain
import LightboxServer

/// `lightbox dicom peer …`: the DICOM peers allowed to talk to `lightbox serve`'s listener, in the
/// database (works while the server runs on the same data; it sees a change from the next association).
struct PeerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peer", abstract: "Manage the DICOM peers allowed to talk to the server's listener.",
        subcommands: [PeerAddCommand.self, PeerListCommand.self, PeerRemoveCommand.self])

    /// Runs `body` on the configured database and closes it, turning a domain refusal into a usage error.
    static func withAdministration<T: Sendable>(
        _ store: StoreOptions, _ body: (LightboxAdministration) async throws -> T
    ) async throws -> T {
        let configuration = try ConfigurationLoader().load(store.flags)
        let admin = try await LightboxAdministration.open(
            configuration, logger: LightboxServer.makeLogger(level: configuration.logLevel))
        do {
            let result = try await body(admin)
            await admin.close()
            return result
        } catch let error as DomainError {
            await admin.close()
            throw ValidationError(error.description)
        } catch {
            await admin.close()
            throw error
        }
    }
}

/// `lightbox dicom peer add <AET> <host> <port> --services echo,store`.
struct PeerAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a DICOM peer, or change an existing one's address and services.",
        discussion: "Services: \(DICOMService.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The peer's AE title (1-16 characters).")
    var aeTitle: String

    @Argument(help: "Where the peer listens (for C-MOVE and storage commitment results).")
    var host: String

    @Argument(help: "The peer's port.")
    var port: Int

    @Option(name: .long, help: "Comma-separated services the peer may use (e.g. echo,store,find).")
    var services: String

    func run() async throws {
        let parsed: Set<DICOMService>
        do {
            parsed = try DICOMService.parseList(services)
        } catch {
            throw ValidationError(error.description)
        }
        let peer = try await PeerCommand.withAdministration(store) {
            try await $0.addDICOMPeer(aeTitle: aeTitle, host: host, port: port, services: parsed)
        }
        print("DICOM peer \(peer.aeTitle) at \(peer.host):\(peer.port) may use \(peer.serviceList).")
    }
}

/// `lightbox dicom peer list`.
struct PeerListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the DICOM peers.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let peers = try await PeerCommand.withAdministration(store) { try await $0.listDICOMPeers() }
        for peer in peers {
            print(
                peer.aeTitle.padding(toLength: 17, withPad: " ", startingAt: 0)
                    + "\(peer.host):\(peer.port)  \(peer.serviceList)")
        }
        if peers.isEmpty { print("No DICOM peers: every association is refused.") }
    }
}

/// `lightbox dicom peer remove <AET>`.
struct PeerRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a DICOM peer.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The peer's AE title.")
    var aeTitle: String

    func run() async throws {
        try await PeerCommand.withAdministration(store) { try await $0.removeDICOMPeer(aeTitle: aeTitle) }
        print("DICOM peer \(aeTitle) removed.")
    }
}
