import DICOM
import NIOCore

extension EncodedDataSet {
    /// Encodes a data set (a query identifier, an N-service attribute list) in the transfer syntax
    /// of the presentation context it will travel on.
    public init(_ dataSet: DataSet, for context: PresentationContext) throws {
        do {
            let bytes = try DICOMWriter().encode(dataSet, transferSyntax: TransferSyntax(uid: context.transferSyntax))
            self.init(bytes: bytes, transferSyntaxUID: context.transferSyntax)
        } catch {
            throw DICOMNetworkError(.invalidDataSet, "cannot encode in \(context.transferSyntax): \(error)")
        }
    }

    /// Parses the bytes into a data set.
    public func dataSet() throws -> DataSet {
        do {
            return try DICOMReader().readDataSet(bytes, transferSyntax: TransferSyntax(uid: transferSyntaxUID))
        } catch {
            throw DICOMNetworkError(.invalidDataSet, "cannot read data set in \(transferSyntaxUID): \(error)")
        }
    }
}

/// Presentation contexts a C-GET requestor proposes for the instances coming back (PS3.4 C.4.3):
/// the storage SOP classes of the data dictionary's UID registry with an SCP role selection.
public enum GetStorageProposals {
    /// Transfer syntaxes accepted for received instances (kept as sent).
    public static let transferSyntaxes = [
        TransferSyntaxUID.explicitVRLittleEndian, TransferSyntaxUID.implicitVRLittleEndian,
        TransferSyntax.jpegBaseline8Bit.uid, TransferSyntax.jpegLosslessSV1.uid, TransferSyntax.jpeg2000Lossless.uid,
        TransferSyntax.jpeg2000.uid, TransferSyntax.jpegLSLossless.uid, TransferSyntax.rleLossless.uid,
        TransferSyntaxUID.deflatedExplicitVRLittleEndian, TransferSyntaxUID.explicitVRBigEndian,
    ]

    /// Up to `limit` storage classes, the most common image classes first.
    public static func proposals(limit: Int) -> (
        proposals: [AssociationParameters.Proposal], roles: [UserInformation.RoleSelection]
    ) {
        let common = [
            "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.5.1.4.1.1.1",
            "1.2.840.10008.5.1.4.1.1.1.1", "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.5.1.4.1.1.6.1",
            "1.2.840.10008.5.1.4.1.1.12.1", "1.2.840.10008.5.1.4.1.1.88.67", "1.2.840.10008.5.1.4.1.1.1.2",
            "1.2.840.10008.5.1.4.1.1.20", "1.2.840.10008.5.1.4.1.1.128", "1.2.840.10008.5.1.4.1.1.2.1",
            "1.2.840.10008.5.1.4.1.1.4.1", "1.2.840.10008.5.1.4.1.1.3.1", "1.2.840.10008.5.1.4.1.1.481.3",
        ]
        let registry = UIDRegistry.entries(ofType: "SOP Class")
            .filter { !$0.isRetired && $0.name.hasSuffix("Storage") && $0.uid.hasPrefix("1.2.840.10008.5.1.4.1.1.") }
            .map(\.uid)
        var classes: [String] = []
        for uid in common + registry where !classes.contains(uid) && classes.count < limit { classes.append(uid) }
        return (
            classes.map { .init(abstractSyntax: $0, transferSyntaxes: transferSyntaxes) },
            classes.map { .init(sopClassUID: $0, scuRole: false, scpRole: true) }
        )
    }
}
