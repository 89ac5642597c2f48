import DICOMNetwork
import LightboxDomain

extension Actor {
    /// The actor of a request on a DICOM association: the calling AE title, through the DICOM door,
    /// from the peer's address (the audit log names the AE title as who acted).
    public static func dicomPeer(_ association: AssociationInfo) -> Actor {
        Actor(
            staffID: nil, username: association.callingAETitle.trimmingCharacters(in: .whitespaces),
            role: .integration, door: .dicom, address: association.peerAddress)
    }
}
