import Foundation

extension Exam {
    /// Adds breaches to the exam's outside-pathway flag, opening it again if it had been resolved.
    mutating func flagOutsidePathway(_ breaches: [OutsidePathwayRecord.Breach], at moment: Date, source: String) {
        if var record = outsidePathway, !record.isResolved {
            record.breaches += breaches
            outsidePathway = record
        } else {
            outsidePathway = OutsidePathwayRecord(breaches: breaches, flaggedAt: moment, source: source)
        }
    }
}
