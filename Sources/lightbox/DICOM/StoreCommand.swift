import ArgumentParser
import DICOMNetwork
import Foundation

/// `lightbox dicom store HOST PORT FILE|DIR…`: C-STORE (PS3.4 Annex B) of Part 10 files, each in its
/// own transfer syntax, like dcmtk's storescu (folders are walked recursively).
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Send DICOM files with C-STORE.")

    @OptionGroup var peer: DICOMPeerOptions

    @Argument(help: "Files or folders to send.")
    var paths: [String]

    func run() async throws {
        var files: [(path: String, header: Part10Header)] = []
        var skipped = 0
        for path in paths {
            for file in Self.expand(path) {
                do {
                    files.append((file, try Part10Header.read(path: file)))
                } catch {
                    skipped += 1
                    FileHandle.standardError.write(Data("\(file): skipped: \(error)\n".utf8))
                }
            }
        }
        if files.isEmpty && skipped == 0 {
            FileHandle.standardError.write(Data("no files to send in \(paths.joined(separator: " "))\n".utf8))
            throw ExitCode(1)
        }
        var failures = 0
        var pending = files
        while !pending.isEmpty {
            // At most 128 presentation contexts per association (PS3.8 §9.3.2.2: odd IDs 1…255).
            var proposals: [AssociationParameters.Proposal] = []
            var batch: [(path: String, header: Part10Header)] = []
            var rest: [(path: String, header: Part10Header)] = []
            for file in pending {
                let proposal = AssociationParameters.Proposal(
                    abstractSyntax: file.header.mediaStorageSOPClassUID,
                    transferSyntaxes: [file.header.transferSyntaxUID])
                if proposals.contains(proposal) {
                    batch.append(file)
                } else if proposals.count < 128 {
                    proposals.append(proposal)
                    batch.append(file)
                } else {
                    rest.append(file)
                }
            }
            let association = try await DICOMClient().connect(
                host: peer.host, port: peer.port,
                parameters: AssociationParameters(
                    callingAETitle: peer.callingAETitle, calledAETitle: peer.calledAETitle, proposals: proposals,
                    maximumLength: peer.maxPDU,
                    timeouts: peer.timeouts, dimseTimeout: peer.dimseTimeAmount,
                    tls: try peer.tls.client?.clientContext()))
            for file in batch {
                do {
                    let result = try await association.store(file: file.path)
                    print("\(file.path): \(result.status)")
                    if result.status.category == .failure { failures += 1 }
                } catch let error as DICOMNetworkError where error.code == .noPresentationContext {
                    print("\(file.path): not accepted by the peer (\(error.message))")
                    failures += 1
                }
            }
            try await association.release()
            pending = rest
        }
        print("stored: \(files.count - failures) of \(files.count)" + (skipped > 0 ? ", \(skipped) skipped" : ""))
        // A file that could not be read is a failure too, as with the other `lightbox dicom` tools.
        if failures > 0 || skipped > 0 { throw ExitCode(1) }
    }

    static func expand(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let next = enumerator?.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(next)
            var dir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue { files.append(full) }
        }
        return files.sorted()
    }
}
