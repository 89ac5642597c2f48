import NIOCore

/// User information item and its sub-items, PS3.8 §9.3.2.3 / §9.3.3.3 and PS3.7 Annex D.3.3.
public struct UserInformation: Sendable, Equatable {
    /// Maximum length sub-item (0x51), PS3.8 Annex D.1: the largest P-DATA-TF PDU body the sender
    /// can receive; 0 means no limit.
    public var maximumLength: UInt32?
    /// Implementation class UID sub-item (0x52), PS3.7 D.3.3.2.
    public var implementationClassUID: String?
    /// Implementation version name sub-item (0x55), PS3.7 D.3.3.2.
    public var implementationVersionName: String?
    /// Asynchronous operations window sub-item (0x53), PS3.7 D.3.3.3.
    public var asynchronousOperationsWindow: AsynchronousOperationsWindow?
    /// SCP/SCU role selection sub-items (0x54), PS3.7 D.3.3.4.
    public var roleSelections: [RoleSelection]
    /// SOP class extended negotiation sub-items (0x56), PS3.7 D.3.3.5.
    public var extendedNegotiations: [SOPClassExtendedNegotiation]
    /// SOP class common extended negotiation sub-items (0x57), PS3.7 D.3.3.6.
    public var commonExtendedNegotiations: [SOPClassCommonExtendedNegotiation]
    /// User identity negotiation (0x58, request only), PS3.7 D.3.3.7.1.
    public var userIdentityRQ: UserIdentityRQ?
    /// User identity negotiation (0x59, acceptance only), PS3.7 D.3.3.7.2.
    public var userIdentityAC: UserIdentityAC?
    /// Sub-items this implementation does not know, kept as received (PS3.7 D.3.3 says ignore).
    public var unknownItems: [UnknownItem]

    public init(
        maximumLength: UInt32? = nil, implementationClassUID: String? = nil,
        implementationVersionName: String? = nil,
        asynchronousOperationsWindow: AsynchronousOperationsWindow? = nil,
        roleSelections: [RoleSelection] = [], extendedNegotiations: [SOPClassExtendedNegotiation] = [],
        commonExtendedNegotiations: [SOPClassCommonExtendedNegotiation] = [],
        userIdentityRQ: UserIdentityRQ? = nil, userIdentityAC: UserIdentityAC? = nil,
        unknownItems: [UnknownItem] = []
    ) {
        self.maximumLength = maximumLength
        self.implementationClassUID = implementationClassUID
        self.implementationVersionName = implementationVersionName
        self.asynchronousOperationsWindow = asynchronousOperationsWindow
        self.roleSelections = roleSelections
        self.extendedNegotiations = extendedNegotiations
        self.commonExtendedNegotiations = commonExtendedNegotiations
        self.userIdentityRQ = userIdentityRQ
        self.userIdentityAC = userIdentityAC
        self.unknownItems = unknownItems
    }

    /// Asynchronous operations window, PS3.7 D.3.3.3 (0 = unlimited).
    public struct AsynchronousOperationsWindow: Sendable, Equatable {
        public var maxOperationsInvoked: UInt16
        public var maxOperationsPerformed: UInt16
        public init(maxOperationsInvoked: UInt16, maxOperationsPerformed: UInt16) {
            self.maxOperationsInvoked = maxOperationsInvoked
            self.maxOperationsPerformed = maxOperationsPerformed
        }
    }

    /// SCP/SCU role selection, PS3.7 D.3.3.4.
    public struct RoleSelection: Sendable, Equatable {
        public var sopClassUID: String
        public var scuRole: Bool
        public var scpRole: Bool
        public init(sopClassUID: String, scuRole: Bool, scpRole: Bool) {
            self.sopClassUID = sopClassUID
            self.scuRole = scuRole
            self.scpRole = scpRole
        }
    }

    /// SOP class extended negotiation, PS3.7 D.3.3.5.
    public struct SOPClassExtendedNegotiation: Sendable, Equatable {
        public var sopClassUID: String
        /// Service-class-application-information (PS3.4 defines its bytes per service class).
        public var applicationInformation: [UInt8]
        public init(sopClassUID: String, applicationInformation: [UInt8]) {
            self.sopClassUID = sopClassUID
            self.applicationInformation = applicationInformation
        }
    }

    /// SOP class common extended negotiation, PS3.7 D.3.3.6.
    public struct SOPClassCommonExtendedNegotiation: Sendable, Equatable {
        public var sopClassUID: String
        public var serviceClassUID: String
        public var relatedGeneralSOPClassUIDs: [String]
        public init(sopClassUID: String, serviceClassUID: String, relatedGeneralSOPClassUIDs: [String]) {
            self.sopClassUID = sopClassUID
            self.serviceClassUID = serviceClassUID
            self.relatedGeneralSOPClassUIDs = relatedGeneralSOPClassUIDs
        }
    }

    /// User identity negotiation request, PS3.7 D.3.3.7.1.
    public struct UserIdentityRQ: Sendable, Equatable {
        /// User-identity-type (Table D.3-14).
        public enum IdentityType: UInt8, Sendable {
            case username = 1
            case usernameAndPasscode = 2
            case kerberos = 3
            case saml = 4
            case jwt = 5
        }
        public var type: IdentityType
        public var positiveResponseRequested: Bool
        public var primaryField: [UInt8]
        /// Only for `.usernameAndPasscode`; empty otherwise.
        public var secondaryField: [UInt8]
        public init(
            type: IdentityType, positiveResponseRequested: Bool, primaryField: [UInt8],
            secondaryField: [UInt8] = []
        ) {
            self.type = type
            self.positiveResponseRequested = positiveResponseRequested
            self.primaryField = primaryField
            self.secondaryField = secondaryField
        }
    }

    /// User identity negotiation acceptance, PS3.7 D.3.3.7.2.
    public struct UserIdentityAC: Sendable, Equatable {
        public var serverResponse: [UInt8]
        public init(serverResponse: [UInt8]) { self.serverResponse = serverResponse }
    }

    /// A sub-item with a type this implementation does not define.
    public struct UnknownItem: Sendable, Equatable {
        public var type: UInt8
        public var value: [UInt8]
        public init(type: UInt8, value: [UInt8]) {
            self.type = type
            self.value = value
        }
    }
}
