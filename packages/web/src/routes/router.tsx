import { createRouter } from "@tanstack/react-router";
import { queryClient } from "../api/query-client";
import { Loading } from "../components/Loading";
import { rootRoute, NotFoundPage, RouteErrorPage } from "./root";
import { homeRoute } from "./home";
import { agreementRoute } from "./agreement";
import { indicatorRoute } from "./indicator";
import { outcomeRoute } from "./outcome";
import { freedomsRoute } from "./freedoms";
import { catalogueRoute } from "./catalogue";
import { catalogueEntryRoute } from "./catalogue-entry";
import { signInRoute } from "./sign-in";
import { accountRoute } from "./account";
import { usersRoute } from "./users";
import { districtRoute } from "./district";
import { submissionRoute } from "./submission";
import { bulletinsRoute } from "./bulletins";
import { signUpsRoute } from "./sign-ups";
import { chooseIndicatorsRoute } from "./choose-indicators";
import { myWorkRoute } from "./my-work";
import { performanceRoute } from "./performance";
import { roundRoute } from "./round";
import { returnRoute } from "./return";
import { rewardRoute } from "./reward";
import { consultationDiaryRoute } from "./consultation-diary";
import { fundingStreamsRoute } from "./funding-streams";
import { districtPerformanceRoute, indicatorDistrictsRoute } from "./district-performance";
import { dataDictionaryRoute } from "./data-dictionary";
import { acrossAgreementsRoute, governmentOfficeRoute } from "./government-office";
import { importAgreementRoute } from "./import-agreement";

const routeTree = rootRoute.addChildren([
  homeRoute,
  myWorkRoute,
  agreementRoute,
  indicatorRoute,
  chooseIndicatorsRoute,
  outcomeRoute,
  freedomsRoute,
  catalogueRoute,
  catalogueEntryRoute,
  districtRoute,
  submissionRoute,
  bulletinsRoute,
  signUpsRoute,
  signInRoute,
  accountRoute,
  usersRoute,
  performanceRoute,
  roundRoute,
  returnRoute,
  rewardRoute,
  consultationDiaryRoute,
  fundingStreamsRoute,
  indicatorDistrictsRoute,
  districtPerformanceRoute,
  dataDictionaryRoute,
  governmentOfficeRoute,
  acrossAgreementsRoute,
  importAgreementRoute,
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: "intent",
  // Route loaders fill the query cache; let Query decide when data is stale.
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: () => <Loading label="Loading…" />,
  defaultErrorComponent: RouteErrorPage,
  defaultNotFoundComponent: NotFoundPage,
  scrollRestoration: true,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
