import Foundation

extension Department {
    /// MPPS N-CREATE and N-SET for any exam, known or not (``ReceiveModalityStep``).
    public var receiveModalityStep: ReceiveModalityStep { ReceiveModalityStep(environment) }
}
