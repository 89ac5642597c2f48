import DICOMNetwork
import LightboxDomain
import Logging

/// Who may open an association (PS3.8 §7.1.1.2): the called AE title must be ours (else
/// A-ASSOCIATE-RJ permanent, reason 7 "called AE title not recognized"), the calling AE title must be
/// a registered ``DICOMPeer`` (else reason 3 "calling AE title not recognized"), and the peer is
/// offered only the services its entry allows. Peers are read on every association, so a peer
/// added or removed meanwhile (API or command line) counts from the next association.
struct PeerAssociationPolicy: AssociationPolicy {
    let aeTitle: String
    let findPeer: FindDICOMPeer
    let services: DICOMServices
    let logger: Logger

    func evaluate(_ request: AssociationInfo) async -> AAssociateRJ? {
        if request.calledAETitle.trimmingCharacters(in: .whitespaces) != aeTitle {
            logger.info(
                "DICOM association refused: called AE title is not ours",
                metadata: [
                    "calling": "\(request.callingAETitle)", "called": "\(request.calledAETitle)",
                    "peer": "\(request.peerAddress)",
                ])
            return AAssociateRJ(result: .rejectedPermanent, source: .serviceUser, reason: .calledAETitleNotRecognized)
        }
        do {
            guard try await findPeer(aeTitle: request.callingAETitle) != nil else {
                logger.info(
                    "DICOM association refused: unknown calling AE title",
                    metadata: ["calling": "\(request.callingAETitle)", "peer": "\(request.peerAddress)"])
                return AAssociateRJ(
                    result: .rejectedPermanent, source: .serviceUser, reason: .callingAETitleNotRecognized)
            }
        } catch {
            logger.error(
                "DICOM association refused: peers cannot be read",
                metadata: ["calling": "\(request.callingAETitle)", "error": "\(error)"])
            return AAssociateRJ(
                result: .rejectedTransient, source: .serviceProviderPresentation, reason: .temporaryCongestion)
        }
        return nil
    }

    func services(for request: AssociationInfo, offered: ServiceHandlers) async -> ServiceHandlers {
        let peer = try? await findPeer(aeTitle: request.callingAETitle)
        return services.handlers(allowing: peer?.services ?? [])
    }
}
