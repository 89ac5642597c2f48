import Foundation
import Hummingbird
import LightboxDomain

/// Limits applied to every request.
public struct WebLimits: Sendable, Equatable {
    /// Largest accepted request body in bytes (413 beyond it).
    public var maxBodyBytes: Int
    /// Most rows accepted in one catalogue CSV import.
    public var maxCSVRows: Int
    /// Largest STOW-RS request in bytes (its instances are held in memory while they are archived).
    public var maxSTOWBytes: Int

    public init(maxBodyBytes: Int = 1 << 20, maxCSVRows: Int = 10_000, maxSTOWBytes: Int = 512 << 20) {
        self.maxBodyBytes = maxBodyBytes
        self.maxCSVRows = maxCSVRows
        self.maxSTOWBytes = maxSTOWBytes
    }
}

/// Everything the API's handlers use, injected by the composition root.
public struct APIEnvironment: Sendable {
    /// The use cases; every change goes through them.
    public var department: Department
    /// For reads (lists, lookups) outside use cases.
    public var store: any DepartmentStore
    public var policy: AccessPolicy
    public var auth: AuthService
    public var clock: any Clock
    public var limits: WebLimits
    /// Throws when the database cannot be reached.
    public var healthCheck: @Sendable () async throws -> Void
    /// Current metrics in Prometheus text format, if metrics are collected.
    public var metricsText: (@Sendable () -> String)?
    /// Version string reported by /health and the OpenAPI document.
    public var version: String
    /// The image archive's stored studies, for FHIR ImagingStudy series (nil: no archive yet).
    public var imagingArchive: (any FHIRImagingArchive)?
    /// The archive's use cases (DICOM peers, reconciliation, DICOMweb); nil: no image archive.
    public var archive: Archive?
    /// The broadcaster the store publishes committed events to, behind the pages' live lists; nil: pages
    /// do not update themselves.
    public var live: LiveUpdates?
    /// The scheduled jobs and their runs (`GET /api/jobs`); nil: this server runs no scheduled jobs.
    public var jobs: ViewScheduledJobs?
    /// Checks the audit log's hash chain for the audit page; nil: the page says the check is not available here.
    public var auditChain: AuditChainMonitor?
    /// The catalogue imports started from the catalogue page (background jobs, one at a time).
    public var catalogueImports = CatalogueImports()

    public init(
        department: Department, store: any DepartmentStore, policy: AccessPolicy, auth: AuthService, clock: any Clock,
        limits: WebLimits = WebLimits(), version: String = "0.1.0",
        healthCheck: @escaping @Sendable () async throws -> Void,
        metricsText: (@Sendable () -> String)? = nil, imagingArchive: (any FHIRImagingArchive)? = nil
    ) {
        self.department = department
        self.store = store
        self.policy = policy
        self.auth = auth
        self.clock = clock
        self.limits = limits
        self.version = version
        self.healthCheck = healthCheck
        self.metricsText = metricsText
        self.imagingArchive = imagingArchive
    }

    /// The API's JSON encoder: ISO 8601 dates, sorted keys for stable output.
    public var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    public var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    func jsonResponse<T: Encodable>(_ value: T, status: HTTPResponse.Status) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: .init(bytes: data)))
    }
}
