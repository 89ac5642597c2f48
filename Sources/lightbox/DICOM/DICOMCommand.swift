import ArgumentParser

/// `lightbox dicom …`: DICOM tools: file tools (dump, dose, render) and network tools like dcmtk's
/// (echo, store, find, move, get, receive; PS3.4, PS3.7, PS3.8).
struct DICOMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dicom",
        abstract: "DICOM tools: inspect files and talk to DICOM peers.",
        // One entry per tool; each lives in its own file in this folder.
        subcommands: [
            DumpCommand.self,
            DoseCommand.self,
            RenderCommand.self,
            EchoCommand.self,
            StoreCommand.self,
            FindCommand.self,
            MoveCommand.self,
            GetCommand.self,
            ReceiveCommand.self,
            PeerCommand.self,
            ConformanceCommand.self,
        ]
    )
}
