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
    /// The catalogue exam codes this level applies to (the national table names exam types in words;
    /// the department maps them to its catalogue in the start-up file). Empty: applies to none.
    public var examCodes: [String]

    public init(
        examType: String, modality: Modality, ctdiVolMilligray: Double? = nil, dlpMilligrayCm: Double? = nil,
        dapGyCm2PerRadiograph: Double? = nil, source: Source, examCodes: [String] = []
    ) {
        self.examCodes = examCodes
        self.examType = examType
        self.modality = modality
        self.ctdiVolMilligray = ctdiVolMilligray
        self.dlpMilligrayCm = dlpMilligrayCm
        self.dapGyCm2PerRadiograph = dapGyCm2PerRadiograph
        self.source = source
    }

    /// Decodes start-up files written before exam codes were mapped too (no codes: applies to none).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        examType = try c.decode(String.self, forKey: .examType)
        modality = try c.decode(Modality.self, forKey: .modality)
        ctdiVolMilligray = try c.decodeIfPresent(Double.self, forKey: .ctdiVolMilligray)
        dlpMilligrayCm = try c.decodeIfPresent(Double.self, forKey: .dlpMilligrayCm)
        dapGyCm2PerRadiograph = try c.decodeIfPresent(Double.self, forKey: .dapGyCm2PerRadiograph)
        source = try c.decode(Source.self, forKey: .source)
        examCodes = try c.decodeIfPresent([String].self, forKey: .examCodes) ?? []
    }

    /// The levels this one sets, by metric.
    public var levels: [(DoseMetric, Double)] {
        [(.ctdiVol, ctdiVolMilligray), (.dlp, dlpMilligrayCm), (.doseAreaProductPerRadiograph, dapGyCm2PerRadiograph)]
            .compactMap { metric, value in value.map { (metric, $0) } }
    }

    /// UK national DRLs shipped as the default (DOMAIN.md "Dose"): adult CT adopted 2022, and the
    /// older radiography DAP table, to be replaced when the department sets local values. Mapped to
    /// the shipped catalogue's codes (`SampleCatalogue`) where one catalogue exam is that exam type:
    /// CHEADN (CT head), CPULMA (CTPA), CABPEL (CT abdomen and pelvis), CKIDUB (CT KUB), XCHEST (chest
    /// PA), XABDOM (abdomen AP), XPELVI (pelvis AP).
    public static let ukNationalDefaults: [DiagnosticReferenceLevel] = [
        .init(
            examType: "CT head (stroke)", modality: .CT, ctdiVolMilligray: 47, dlpMilligrayCm: 790, source: .national,
            examCodes: ["CHEADN"]),
        .init(examType: "CT sinuses", modality: .CT, ctdiVolMilligray: 12, dlpMilligrayCm: 160, source: .national),
        .init(
            examType: "CT cervical spine", modality: .CT, ctdiVolMilligray: 16, dlpMilligrayCm: 400, source: .national),
        .init(
            examType: "CT chest (lung cancer)", modality: .CT, ctdiVolMilligray: 8.5, dlpMilligrayCm: 290,
            source: .national),
        .init(examType: "CT chest HRCT", modality: .CT, ctdiVolMilligray: 8, dlpMilligrayCm: 300, source: .national),
        .init(
            examType: "CTPA", modality: .CT, ctdiVolMilligray: 9.1, dlpMilligrayCm: 310, source: .national,
            examCodes: ["CPULMA"]),
        .init(
            examType: "CT abdomen-pelvis", modality: .CT, ctdiVolMilligray: 10, dlpMilligrayCm: 530, source: .national,
            examCodes: ["CABPEL"]),
        .init(examType: "CT chest-abdomen-pelvis", modality: .CT, dlpMilligrayCm: 660, source: .national),
        .init(
            examType: "CT KUB", modality: .CT, ctdiVolMilligray: 6.3, dlpMilligrayCm: 290, source: .national,
            examCodes: ["CKIDUB"]),
        .init(examType: "CT urogram", modality: .CT, dlpMilligrayCm: 890, source: .national),
        .init(examType: "CT neck-chest-abdomen-pelvis", modality: .CT, dlpMilligrayCm: 850, source: .national),
        .init(
            examType: "Chest PA", modality: .DX, dapGyCm2PerRadiograph: 0.11, source: .national, examCodes: ["XCHEST"]),
        .init(examType: "Chest lateral", modality: .DX, dapGyCm2PerRadiograph: 0.3, source: .national),
        .init(
            examType: "Abdomen AP", modality: .DX, dapGyCm2PerRadiograph: 2.6, source: .national, examCodes: ["XABDOM"]),
        .init(
            examType: "Pelvis AP", modality: .DX, dapGyCm2PerRadiograph: 2.1, source: .national, examCodes: ["XPELVI"]),
        .init(examType: "Lumbar spine AP", modality: .DX, dapGyCm2PerRadiograph: 1.6, source: .national),
        .init(examType: "Lumbar spine lateral", modality: .DX, dapGyCm2PerRadiograph: 2.5, source: .national),
        .init(examType: "Thoracic spine AP", modality: .DX, dapGyCm2PerRadiograph: 0.9, source: .national),
        .init(examType: "Thoracic spine lateral", modality: .DX, dapGyCm2PerRadiograph: 1.4, source: .national),
        .init(examType: "Skull AP/PA", modality: .DX, dapGyCm2PerRadiograph: 0.8, source: .national),
        .init(examType: "Skull lateral", modality: .DX, dapGyCm2PerRadiograph: 0.5, source: .national),
    ]
}
