/** The Government Office view and one indicator across agreements: shaped once, in @accord/domain. */
export { AcrossAgreementsRow, AcrossAgreementsView, OverviewAgreement, OverviewView, RegionView } from "@accord/domain";
