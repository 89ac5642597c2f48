import ArgumentParser

extension LightboxCommand {
    /// Protocol tool groups living in their own folders (`DICOM/`). The development mini-package
    /// builds without them, so they are listed only when the package defines the matching flag.
    static var toolCommands: [any ParsableCommand.Type] {
        #if LIGHTBOX_DICOM_TOOLS
            [DICOMCommand.self]
        #else
            []
        #endif
    }
}
