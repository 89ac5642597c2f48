import DICOM
import DICOMNetwork
import LightboxDomain

/// The tables of Lightbox's DICOM Conformance Statement (PS3.2 §A.2, A.4), generated from what the
/// listener actually does: every SOP class of the UID registry and every transfer syntax of PS3.5
/// are proposed to the library's presentation context negotiation with the handlers `serve`
/// registers (``DICOMServices/lightbox(department:archive:aeTitle:logger:)``), once per peer
/// service (``DICOMService``); what is accepted, in which transfer syntax and for which
/// permission, is what the statement says. The association settings come from the listener's
/// configuration, the contexts Lightbox proposes itself from the library's
/// ``SubOperationNegotiation`` and ``StorageCommitmentNotifier``.
///
/// `docs/dicom-conformance.md` holds these tables between markers (``ConformanceStatement/update(_:)``);
/// a test fails when the document and the code differ.
public struct ConformanceStatement: Sendable {
    /// The services the listener offers.
    public var services: DICOMServices
    /// The listener's settings (AE title, port, concurrent-association limit).
    public var listener: DICOMListener.Configuration
    /// The archive's settings (duplicate policy, free-space threshold, largest instance).
    public var archive: ArchiveConfiguration
    /// The most worklist items answered to one C-FIND, when the worklist is offered.
    public var worklistLimit: Int?

    public init(
        services: DICOMServices, listener: DICOMListener.Configuration, archive: ArchiveConfiguration,
        worklistLimit: Int? = nil
    ) {
        self.services = services
        self.listener = listener
        self.archive = archive
        self.worklistLimit = worklistLimit
    }

    /// One SOP class the listener accepts, with what it accepts it in.
    public struct AcceptedSOPClass: Sendable, Equatable {
        public var uid: String
        /// Its name in the UID registry (PS3.6 Annex A), "(retired)" appended when retired.
        public var name: String
        /// The peer service that opens it (a peer entry's `--services`).
        public var service: DICOMService
        /// The transfer syntaxes of PS3.5 accepted for it, in PS3.6 order.
        public var transferSyntaxes: [String]
        /// A transfer syntax PS3.6 does not list is accepted too (the data set is kept as sent).
        public var acceptsUnlistedTransferSyntaxes: Bool
        /// The transfer syntax chosen when several are proposed, in words.
        public var preference: String
    }

    /// Every SOP class of the registry accepted for some peer service, in registry order.
    public var acceptedSOPClasses: [AcceptedSOPClass] {
        let sopClasses = UIDRegistry.entries.filter { $0.type == "SOP Class" || $0.type == "Meta SOP Class" }
        var accepted: [AcceptedSOPClass] = []
        for service in DICOMService.allCases {
            let handlers = services.handlers(allowing: [service])
            for entry in sopClasses
            where Self.negotiate(entry.uid, Self.listedTransferSyntaxes + [Self.unlistedSyntax], handlers) != nil {
                guard !accepted.contains(where: { $0.uid == entry.uid }) else { continue }
                let syntaxes = Self.listedTransferSyntaxes.filter { Self.negotiate(entry.uid, [$0], handlers) != nil }
                accepted.append(
                    AcceptedSOPClass(
                        uid: entry.uid, name: Self.displayName(entry), service: service,
                        transferSyntaxes: syntaxes,
                        acceptsUnlistedTransferSyntaxes: Self.negotiate(entry.uid, [Self.unlistedSyntax], handlers)
                            != nil,
                        preference: Self.preference(entry.uid, accepted: syntaxes, handlers)))
            }
        }
        return accepted
    }

    /// Every transfer syntax PS3.6 lists.
    static let listedTransferSyntaxes = TransferSyntax.known.map(\.uid)
    /// A syntactically valid transfer syntax UID no standard lists (a private one).
    static let unlistedSyntax = "1.2.826.0.1.3680043.10.1.2.999"

    /// The transfer syntax the negotiation accepts for one proposed context, or nil.
    static func negotiate(_ abstractSyntax: String, _ transferSyntaxes: [String], _ handlers: ServiceHandlers)
        -> String?
    {
        let request = AAssociateRQ(
            calledAETitle: "LIGHTBOX", callingAETitle: "CONFORMANCE",
            presentationContexts: [
                PresentationContextRQ(id: 1, abstractSyntax: abstractSyntax, transferSyntaxes: transferSyntaxes)
            ], userInformation: UserInformation())
        let result = PresentationContextNegotiation.negotiate(request, handlers: handlers).contexts.first
        return result?.result == .acceptance ? result?.transferSyntax : nil
    }

    /// Which syntax wins when several are proposed: probed with the uncompressed pair in both
    /// orders and, where a compressed one is accepted, with Explicit VR Little Endian before it.
    static func preference(_ abstractSyntax: String, accepted: [String], _ handlers: ServiceHandlers) -> String {
        let explicit = TransferSyntaxUID.explicitVRLittleEndian
        let implicit = TransferSyntaxUID.implicitVRLittleEndian
        guard accepted.contains(explicit), accepted.contains(implicit) else { return "the only one accepted" }
        let explicitFirst = negotiate(abstractSyntax, [explicit, implicit], handlers)
        let implicitFirst = negotiate(abstractSyntax, [implicit, explicit], handlers)
        var words: String
        if explicitFirst == implicitFirst, let chosen = explicitFirst {
            words = "\(name(of: chosen)) when offered"
        } else {
            words = "the proposer's order"
        }
        let compressed = TransferSyntax.jpegBaseline8Bit.uid
        if accepted.contains(compressed), negotiate(abstractSyntax, [explicit, compressed], handlers) == compressed {
            words = "a compressed syntax before an uncompressed one, then " + words
        }
        return words
    }

    /// A registry entry's name, "(retired)" appended when retired; its keyword or UID when it has no name.
    static func displayName(_ entry: UIDRegistry.Entry) -> String {
        let name = entry.name.isEmpty ? (entry.keyword.isEmpty ? entry.uid : entry.keyword) : entry.name
        return name + (entry.isRetired ? " (retired)" : "")
    }

    /// Whether a storage SOP class newer than the toolkit's UID registry would be accepted (one
    /// made up under the PS3.4 Annex B root).
    public var acceptsUnregisteredStorageSOPClasses: Bool {
        Self.negotiate(
            "1.2.840.10008.5.1.4.1.1.999999", [TransferSyntaxUID.explicitVRLittleEndian],
            services.handlers(allowing: [.store])) != nil
    }

    /// The registry name of a UID.
    static func name(of uid: String) -> String { UIDRegistry.entry(for: uid)?.name ?? uid }
}
