import DICOMNetwork
import Foundation

/// `lightbox dicom receive` with dcmtk storescp's write policy, for the issue 6 benchmark only:
/// the same server, handlers and defaults, except that Success is answered once the kernel holds
/// the file (`DirectoryStoreHandler.Durability.pageCache`) instead of after the file's and the
/// folder's syncs. Measured beside the real, durable receiver, it separates what the network path
/// costs from what durability costs. Lightbox itself never runs this mode.
/// Usage (the arguments `Benchmarks/network/store-bench.py` passes to a receiver):
///   dicom-receive-bench receive --host H --port P --dir D --aet AET --max-associations N [--max-pdu BYTES]
@main
struct PageCacheReceiver {
    struct Arguments {
        var host = "127.0.0.1"
        var port = 11112
        var directory = ""
        var aeTitle = "LIGHTBOX"
        var maximumAssociations = 50
        var maximumPDULength: UInt32 = 262_144
    }

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    static func main() async {
        do {
            let arguments = try parse(Array(CommandLine.arguments.dropFirst()))
            try FileManager.default.createDirectory(atPath: arguments.directory, withIntermediateDirectories: true)
            let server = DICOMServer(
                configuration: DICOMServerConfiguration(
                    host: arguments.host, port: arguments.port, aeTitle: arguments.aeTitle,
                    maximumAssociations: arguments.maximumAssociations,
                    maximumPDULength: arguments.maximumPDULength),
                handlers: ServiceHandlers(
                    verification: AlwaysSuccessVerification(),
                    store: DirectoryStoreHandler(directory: arguments.directory, durability: .pageCache)),
                policy: AETitlePolicy(calledAETitle: arguments.aeTitle))
            try await server.run { port in
                FileHandle.standardOutput.write(
                    Data("listening on \(port), page-cache writes to \(arguments.directory)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("dicom-receive-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func parse(_ words: [String]) throws -> Arguments {
        var arguments = Arguments()
        var rest = words[...]
        guard rest.popFirst() == "receive" else {
            throw UsageError(
                description: "usage: dicom-receive-bench receive --dir D [--host H] [--port P] [--aet AET] "
                    + "[--max-associations N] [--max-pdu BYTES]")
        }
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            switch flag {
            case "--host": arguments.host = value
            case "--port": arguments.port = try number(value, flag)
            case "--dir": arguments.directory = value
            case "--aet": arguments.aeTitle = value
            case "--max-associations": arguments.maximumAssociations = try number(value, flag)
            case "--max-pdu":
                guard let length = UInt32(exactly: try number(value, flag)) else {
                    throw UsageError(description: "--max-pdu: at most \(UInt32.max)")
                }
                arguments.maximumPDULength = length
            default: throw UsageError(description: "unknown option \(flag)")
            }
        }
        guard !arguments.directory.isEmpty else { throw UsageError(description: "--dir is required") }
        return arguments
    }

    static func number(_ value: String, _ flag: String) throws -> Int {
        guard let number = Int(value), number >= 0 else {
            throw UsageError(description: "\(flag): not a number: \(value)")
        }
        return number
    }
}
