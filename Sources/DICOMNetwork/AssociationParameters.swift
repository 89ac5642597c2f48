import NIOCore
import NIOSSL

/// What a requestor proposes, PS3.8 §7.1.1.
public struct AssociationParameters: Sendable {
    public var callingAETitle: String
    public var calledAETitle: String
    /// Proposed presentation contexts (IDs are assigned 1, 3, 5… in order).
    public var proposals: [Proposal]
    /// Our maximum length sub-item (largest P-DATA-TF body we accept).
    public var maximumLength: UInt32
    /// SCP/SCU role selection items (e.g. SCP role for storage classes in a C-GET).
    public var roleSelections: [UserInformation.RoleSelection]
    public var userIdentity: UserInformation.UserIdentityRQ?
    public var extendedNegotiations: [UserInformation.SOPClassExtendedNegotiation]
    public var timeouts: UpperLayerHandler.Timeouts
    /// DIMSE timeout: the longest wait for the rest of a message once it began; the association
    /// is then aborted. nil leaves only the idle timeout.
    public var dimseTimeout: TimeAmount?
    /// Connect timeout.
    public var connectTimeout: TimeAmount
    /// TLS client context; nil for plain TCP.
    public var tls: NIOSSLContext?

    /// One proposed abstract syntax with its transfer syntaxes.
    public struct Proposal: Sendable, Equatable {
        public var abstractSyntax: String
        public var transferSyntaxes: [String]
        public init(abstractSyntax: String, transferSyntaxes: [String] = TransferSyntaxUID.uncompressed) {
            self.abstractSyntax = abstractSyntax
            self.transferSyntaxes = transferSyntaxes
        }
    }

    public init(
        callingAETitle: String, calledAETitle: String, proposals: [Proposal], maximumLength: UInt32 = 65_536,
        roleSelections: [UserInformation.RoleSelection] = [], userIdentity: UserInformation.UserIdentityRQ? = nil,
        extendedNegotiations: [UserInformation.SOPClassExtendedNegotiation] = [],
        timeouts: UpperLayerHandler.Timeouts = .init(), dimseTimeout: TimeAmount? = .seconds(30),
        connectTimeout: TimeAmount = .seconds(10), tls: NIOSSLContext? = nil
    ) {
        self.callingAETitle = callingAETitle
        self.calledAETitle = calledAETitle
        self.proposals = proposals
        self.maximumLength = maximumLength
        self.roleSelections = roleSelections
        self.userIdentity = userIdentity
        self.extendedNegotiations = extendedNegotiations
        self.timeouts = timeouts
        self.dimseTimeout = dimseTimeout
        self.connectTimeout = connectTimeout
        self.tls = tls
    }

    /// The A-ASSOCIATE-RQ PDU for these parameters.
    public func associateRQ() throws -> AAssociateRQ {
        guard proposals.count <= 128 else {
            throw DICOMNetworkError(.invalidPrimitive, "at most 128 presentation contexts can be proposed")
        }
        return AAssociateRQ(
            calledAETitle: calledAETitle, callingAETitle: callingAETitle,
            presentationContexts: proposals.enumerated().map { index, proposal in
                PresentationContextRQ(
                    id: UInt8(index * 2 + 1), abstractSyntax: proposal.abstractSyntax,
                    transferSyntaxes: proposal.transferSyntaxes)
            },
            userInformation: UserInformation(
                maximumLength: maximumLength, implementationClassUID: Implementation.classUID,
                implementationVersionName: Implementation.versionName,
                roleSelections: roleSelections, extendedNegotiations: extendedNegotiations,
                userIdentityRQ: userIdentity))
    }
}
