import Foundation

/// The figures a local diagnostic reference level sets, one per dose metric. The command
/// that sets a level and the level itself carry the same figures under the same names, so they are listed, named
/// and checked here once.
protocol ReferenceLevelFigures {
    var ctdiVolMilligray: Double? { get }
    var dlpMilligrayCm: Double? { get }
    var doseAreaProductGyCm2: Double? { get }
    var doseAreaProductPerRadiographGyCm2: Double? { get }
    var referencePointDoseMilligray: Double? { get }
    var fluoroscopySeconds: Double? { get }
    var averageGlandularDoseMilligray: Double? { get }
    var administeredActivityMBq: Double? { get }
}

extension ReferenceLevelFigures {
    /// Every figure, with the field that holds it and its metric; nil where it is not set.
    var figures: [(field: String, metric: DoseMetric, value: Double?)] {
        [
            ("ctdiVolMilligray", .ctdiVol, ctdiVolMilligray), ("dlpMilligrayCm", .dlp, dlpMilligrayCm),
            ("doseAreaProductGyCm2", .doseAreaProduct, doseAreaProductGyCm2),
            (
                "doseAreaProductPerRadiographGyCm2", .doseAreaProductPerRadiograph,
                doseAreaProductPerRadiographGyCm2
            ),
            ("referencePointDoseMilligray", .referencePointDose, referencePointDoseMilligray),
            ("fluoroscopySeconds", .fluoroscopyTime, fluoroscopySeconds),
            ("averageGlandularDoseMilligray", .averageGlandularDose, averageGlandularDoseMilligray),
            ("administeredActivityMBq", .administeredActivity, administeredActivityMBq),
        ]
    }

    /// What is wrong with the figures: each set one must be a number above zero, and at least one must be set.
    var figureProblems: [FieldProblem] {
        var problems = figures.compactMap { figure in
            figure.value.flatMap {
                $0.isFinite && $0 > 0 ? nil : FieldProblem(figure.field, "must be a number above zero")
            }
        }
        if figures.allSatisfy({ $0.value == nil }) {
            problems.append(FieldProblem("dlpMilligrayCm", "set at least one level"))
        }
        return problems
    }
}
