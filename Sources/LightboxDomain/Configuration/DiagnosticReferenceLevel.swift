import Foundation

/// A diagnostic reference level for one exam type: CT by CTDIvol (mGy) and DLP (mGy·cm) per exam,
/// radiography by DAP (Gy·cm²) per radiograph. A missing value means the source sets none.
public struct DiagnosticReferenceLevel: Sendable, Codable, Equatable {
    public enum Source: String, Sendable, Codable {
        case national, local
    }

    public var examType: String
    public var modality: Modality
    public var ctdiVolMilligray: Double?
    public var dlpMilligrayCm: Double?
    public var dapGyCm2PerRadiograph: Double?
    public var source: Source

    public init(
        examType: String, modality: Modality, ctdiVolMilligray: Double? = nil, dlpMilligrayCm: Double? = nil,
        dapGyCm2PerRadiograph: Double? = nil, source: Source
    ) {
        self.examType = examType
        self.modality = modality
        self.ctdiVolMilligray = ctdiVolMilligray
        self.dlpMilligrayCm = dlpMilligrayCm
        self.dapGyCm2PerRadiograph = dapGyCm2PerRadiograph
        self.source = source
    }

    /// UK national DRLs shipped as the default (DOMAIN.md "Dose"): adult CT adopted 2022, and the
    /// older radiography DAP table, to be replaced when the department sets local values.
    public static let ukNationalDefaults: [DiagnosticReferenceLevel] = [
        .init(
            examType: "CT head (stroke)", modality: .CT, ctdiVolMilligray: 47, dlpMilligrayCm: 790, source: .national),
        .init(examType: "CT sinuses", modality: .CT, ctdiVolMilligray: 12, dlpMilligrayCm: 160, source: .national),
        .init(
            examType: "CT cervical spine", modality: .CT, ctdiVolMilligray: 16, dlpMilligrayCm: 400, source: .national),
        .init(
            examType: "CT chest (lung cancer)", modality: .CT, ctdiVolMilligray: 8.5, dlpMilligrayCm: 290,
            source: .national),
        .init(examType: "CT chest HRCT", modality: .CT, ctdiVolMilligray: 8, dlpMilligrayCm: 300, source: .national),
        .init(examType: "CTPA", modality: .CT, ctdiVolMilligray: 9.1, dlpMilligrayCm: 310, source: .national),
        .init(
            examType: "CT abdomen-pelvis", modality: .CT, ctdiVolMilligray: 10, dlpMilligrayCm: 530, source: .national),
        .init(examType: "CT chest-abdomen-pelvis", modality: .CT, dlpMilligrayCm: 660, source: .national),
        .init(examType: "CT KUB", modality: .CT, ctdiVolMilligray: 6.3, dlpMilligrayCm: 290, source: .national),
        .init(examType: "CT urogram", modality: .CT, dlpMilligrayCm: 890, source: .national),
        .init(examType: "CT neck-chest-abdomen-pelvis", modality: .CT, dlpMilligrayCm: 850, source: .national),
        .init(examType: "Chest PA", modality: .DX, dapGyCm2PerRadiograph: 0.11, source: .national),
        .init(examType: "Chest lateral", modality: .DX, dapGyCm2PerRadiograph: 0.3, source: .national),
        .init(examType: "Abdomen AP", modality: .DX, dapGyCm2PerRadiograph: 2.6, source: .national),
        .init(examType: "Pelvis AP", modality: .DX, dapGyCm2PerRadiograph: 2.1, source: .national),
        .init(examType: "Lumbar spine AP", modality: .DX, dapGyCm2PerRadiograph: 1.6, source: .national),
        .init(examType: "Lumbar spine lateral", modality: .DX, dapGyCm2PerRadiograph: 2.5, source: .national),
        .init(examType: "Thoracic spine AP", modality: .DX, dapGyCm2PerRadiograph: 0.9, source: .national),
        .init(examType: "Thoracic spine lateral", modality: .DX, dapGyCm2PerRadiograph: 1.4, source: .national),
        .init(examType: "Skull AP/PA", modality: .DX, dapGyCm2PerRadiograph: 0.8, source: .national),
        .init(examType: "Skull lateral", modality: .DX, dapGyCm2PerRadiograph: 0.5, source: .national),
    ]
}
