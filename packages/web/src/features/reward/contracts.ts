/** The reward grant's answers as the page reads them: shaped once, in @accord/domain. */
export { PaymentView, RewardAssumptionsView, RewardPageView, RewardTargetView, RewardWhatIfView, type AssumptionField } from "@accord/domain";
