/// The actions of the DICOM Upper Layer protocol machine, PS3.8 §9.2.2 (Tables 9-6 to 9-9).
public enum AssociationAction: String, Sendable, CaseIterable {
    /// Issue TRANSPORT CONNECT request primitive to local transport service. Next: Sta4.
    case ae1 = "AE-1"
    /// Send A-ASSOCIATE-RQ PDU. Next: Sta5.
    case ae2 = "AE-2"
    /// Issue A-ASSOCIATE confirmation (accept) primitive. Next: Sta6.
    case ae3 = "AE-3"
    /// Issue A-ASSOCIATE confirmation (reject) primitive and close transport connection. Next: Sta1.
    case ae4 = "AE-4"
    /// Issue transport connection response primitive; start ARTIM timer. Next: Sta2.
    case ae5 = "AE-5"
    /// Stop ARTIM; if the A-ASSOCIATE-RQ is acceptable issue the indication (Sta3), otherwise
    /// send A-ASSOCIATE-RJ and start ARTIM (Sta13).
    case ae6 = "AE-6"
    /// Send A-ASSOCIATE-AC PDU. Next: Sta6.
    case ae7 = "AE-7"
    /// Send A-ASSOCIATE-RJ PDU and start ARTIM timer. Next: Sta13.
    case ae8 = "AE-8"
    /// Send P-DATA-TF PDU. Next: Sta6.
    case dt1 = "DT-1"
    /// Send P-DATA indication primitive. Next: Sta6.
    case dt2 = "DT-2"
    /// Send A-RELEASE-RQ PDU. Next: Sta7.
    case ar1 = "AR-1"
    /// Issue A-RELEASE indication primitive. Next: Sta8.
    case ar2 = "AR-2"
    /// Issue A-RELEASE confirmation primitive and close transport connection. Next: Sta1.
    case ar3 = "AR-3"
    /// Issue A-RELEASE-RP PDU and start ARTIM timer. Next: Sta13.
    case ar4 = "AR-4"
    /// Stop ARTIM timer. Next: Sta1.
    case ar5 = "AR-5"
    /// Issue P-DATA indication. Next: Sta7.
    case ar6 = "AR-6"
    /// Issue P-DATA-TF PDU. Next: Sta8.
    case ar7 = "AR-7"
    /// Issue A-RELEASE indication (release collision): requestor → Sta9, acceptor → Sta10.
    case ar8 = "AR-8"
    /// Send A-RELEASE-RP PDU. Next: Sta11.
    case ar9 = "AR-9"
    /// Issue A-RELEASE confirmation primitive. Next: Sta12.
    case ar10 = "AR-10"
    /// Send A-ABORT PDU (service-user source) and start (or restart) ARTIM timer. Next: Sta13.
    case aa1 = "AA-1"
    /// Stop ARTIM timer if running; close transport connection. Next: Sta1.
    case aa2 = "AA-2"
    /// Issue A-ABORT (or A-P-ABORT) indication and close transport connection. Next: Sta1.
    case aa3 = "AA-3"
    /// Issue A-P-ABORT indication primitive. Next: Sta1.
    case aa4 = "AA-4"
    /// Stop ARTIM timer. Next: Sta1.
    case aa5 = "AA-5"
    /// Ignore PDU. Next: Sta13.
    case aa6 = "AA-6"
    /// Send A-ABORT PDU. Next: Sta13.
    case aa7 = "AA-7"
    /// Send A-ABORT PDU (service-provider source), issue A-P-ABORT indication, start ARTIM. Next: Sta13.
    case aa8 = "AA-8"
}
