import Foundation

/// The sample catalogue shipped with Lightbox (DOMAIN.md "Codes"): common exams with their standard
/// projections. The codes are NICIP-style (6 letters, the first the modality: X plain radiography,
/// C CT) but not the licensed NICIP list; a department imports its own. SNOMED CT ids are given only
/// where certain. Pregnancy relevance follows "primary beam between diaphragm and knees"; high dose
/// (10-day rule) marks exams whose uterine dose is likely over 10 mGy.
public enum SampleCatalogue {
    public static let entries: [CatalogueEntry] = [
        CatalogueEntry(
            code: "XCHEST", name: "XR Chest PA", modality: .DX, bodyRegion: .chest, projections: ["PA"],
            pregnancyRelevant: false, snomedCT: "399208008"),
        CatalogueEntry(
            code: "XABDOM", name: "XR Abdomen AP", modality: .DX, bodyRegion: .abdomen, projections: ["AP supine"],
            pregnancyRelevant: true),
        CatalogueEntry(
            code: "XPELVI", name: "XR Pelvis AP", modality: .DX, bodyRegion: .pelvis, projections: ["AP"],
            pregnancyRelevant: true),
        CatalogueEntry(
            code: "XHANDB", name: "XR Hand", modality: .DX, bodyRegion: .upperLimb, projections: ["DP", "Oblique"],
            lateralityRequired: true, pregnancyRelevant: false),
        CatalogueEntry(
            code: "XWRIST", name: "XR Wrist", modality: .DX, bodyRegion: .upperLimb, projections: ["PA", "Lateral"],
            lateralityRequired: true, pregnancyRelevant: false),
        CatalogueEntry(
            code: "XSCAPH", name: "XR Scaphoid series", modality: .DX, bodyRegion: .upperLimb,
            projections: ["PA with ulnar deviation", "Lateral", "Oblique", "Elevated PA (Ziter)"],
            lateralityRequired: true, pregnancyRelevant: false),
        CatalogueEntry(
            code: "XELBOW", name: "XR Elbow", modality: .DX, bodyRegion: .upperLimb, projections: ["AP", "Lateral"],
            lateralityRequired: true, pregnancyRelevant: false),
        CatalogueEntry(
            code: "XSHOUL", name: "XR Shoulder", modality: .DX, bodyRegion: .upperLimb,
            projections: ["AP", "Y-view", "Axial (trauma)"], lateralityRequired: true, pregnancyRelevant: false),
        CatalogueEntry(
            code: "XHIPJT", name: "XR Hip", modality: .DX, bodyRegion: .pelvis,
            projections: ["AP pelvis", "Lateral hip"],
            lateralityRequired: true, pregnancyRelevant: true),
        CatalogueEntry(
            code: "XKNEEJ", name: "XR Knee", modality: .DX, bodyRegion: .lowerLimb,
            projections: ["AP", "Lateral", "Skyline (if requested)"], lateralityRequired: true, pregnancyRelevant: false
        ),
        CatalogueEntry(
            code: "XANKLE", name: "XR Ankle", modality: .DX, bodyRegion: .lowerLimb,
            projections: ["AP", "Mortise", "Lateral"], lateralityRequired: true, pregnancyRelevant: false),
        CatalogueEntry(
            code: "XFOOTB", name: "XR Foot", modality: .DX, bodyRegion: .lowerLimb,
            projections: ["DP", "Oblique", "Lateral"], lateralityRequired: true, pregnancyRelevant: false),
        CatalogueEntry(
            code: "XCSPIN", name: "XR Cervical spine", modality: .DX, bodyRegion: .spine,
            projections: ["AP", "Lateral"],
            pregnancyRelevant: false),
        CatalogueEntry(
            code: "XLSPIN", name: "XR Lumbar spine", modality: .DX, bodyRegion: .spine, projections: ["AP", "Lateral"],
            pregnancyRelevant: true),
        CatalogueEntry(
            code: "CHEADN", name: "CT Head", modality: .CT, bodyRegion: .head, projections: ["Axial head"],
            pregnancyRelevant: false),
        CatalogueEntry(
            code: "CCHEST", name: "CT Chest with contrast", modality: .CT, bodyRegion: .chest,
            projections: ["Chest portal venous"], pregnancyRelevant: false, contrast: .intravenous),
        CatalogueEntry(
            code: "CABPEL", name: "CT Abdomen and pelvis with contrast", modality: .CT, bodyRegion: .abdomen,
            projections: ["Abdomen-pelvis portal venous"], pregnancyRelevant: true, highDose: true,
            contrast: .intravenous),
        CatalogueEntry(
            code: "CPULMA", name: "CT Pulmonary angiogram", modality: .CT, bodyRegion: .chest,
            projections: ["Pulmonary arterial phase"], pregnancyRelevant: false, contrast: .intravenous),
        CatalogueEntry(
            code: "CKIDUB", name: "CT KUB", modality: .CT, bodyRegion: .abdomen, projections: ["Low-dose KUB"],
            pregnancyRelevant: true, highDose: true),
    ]
}
