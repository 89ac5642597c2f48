import DICOMNetwork
import Foundation
import LightboxDomain
import LightboxHL7
import LightboxWeb
import Logging

/// Everything `lightbox serve` needs, after the layers (flags → environment → file → defaults) are merged.
public struct ServerConfiguration: Sendable {
    /// Folder holding the SQLite file and (later) image files.
    public var dataDirectory: String
    public var host: String
    public var httpPort: Int
    public var dicomPort: Int
    public var hl7Port: Int
    /// Where verified reports are sent as ORU^R01 (none: reports are not sent).
    public var hl7ReportDestinations: [ReportOutboxSender.Destination]
    /// `postgres://…` or `sqlite://path`; nil means SQLite in `dataDirectory`.
    public var databaseURL: String?
    /// Load the demo department at start-up (idempotent).
    public var demo: Bool
    public var logLevel: Logger.Level
    public var bcryptCost: UInt8
    /// Mark session cookies `Secure` (when served over TLS or behind a TLS-terminating proxy).
    public var secureCookies: Bool
    public var maxBodyBytes: Int
    /// The department's thresholds (DOMAIN.md defaults unless overridden).
    public var department: DepartmentConfiguration
    /// The DICOM listener's AE title (the called AE title peers must use).
    public var dicomAETitle: String = "LIGHTBOX"
    /// Associations served at once; beyond it, A-ASSOCIATE-RJ transient.
    public var dicomMaximumAssociations: Int = 50
    /// The most Modality Worklist items answered to one C-FIND; more matches end the answer with
    /// 0xA700 (out of resources) saying so.
    public var worklistLimit: Int = ListExams.maximumLimit
    /// DICOM over TLS (PS3.15 Annex B.1); nil for plain TCP.
    public var dicomTLS: DICOMTLSConfiguration?
    /// The archive's settings (duplicate policy, free-space threshold, largest instance).
    public var archive: ArchiveConfiguration = .default
    /// The image folder (content-addressed files); nil means `images` in `dataDirectory`.
    public var imageDirectory: String?
    /// A browser session unused this long ends (seconds).
    public var idleTimeoutSeconds: Int = 30 * 60
    /// Sign-in throttling: failures per account and per address before a lock, and the lock's length.
    public var signInThrottle: SignInThrottlePolicy = SignInThrottlePolicy()
    /// Load days of patients on top of the demo department (`--demo-days`); nil: the demo's one day only.
    public var demoScale: DemoScale?

    public init(
        dataDirectory: String = "./lightbox-data", host: String = "127.0.0.1", httpPort: Int = 8080,
        dicomPort: Int = 11112, hl7Port: Int = 2575,
        hl7ReportDestinations: [ReportOutboxSender.Destination] = [], databaseURL: String? = nil, demo: Bool = false,
        logLevel: Logger.Level = .info, bcryptCost: UInt8 = 12,
        secureCookies: Bool = false, maxBodyBytes: Int = 1 << 20, department: DepartmentConfiguration = .init()
    ) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.httpPort = httpPort
        self.dicomPort = dicomPort
        self.hl7Port = hl7Port
        self.hl7ReportDestinations = hl7ReportDestinations
        self.databaseURL = databaseURL
        self.demo = demo
        self.logLevel = logLevel
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.maxBodyBytes = maxBodyBytes
        self.department = department
    }
}
