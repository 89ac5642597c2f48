import ArgumentParser

/// `lightbox dicom …`: DICOM tools (dump, and the tools other parts of Lightbox add).
struct DICOMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dicom",
        abstract: "DICOM tools: inspect files and talk to DICOM peers.",
        // One entry per tool; each lives in its own file in this folder.
        subcommands: [
            DumpCommand.self,
            DoseCommand.self,
            RenderCommand.self,
        ]
    )
}
