/**
 * An agreement's consultation diary (seed 003 §2, Appendix 6; issue 11 point 7): the main
 * consultation events in date order, with who was asked, how many, what came of it and the
 * documents; a manager adds an event.
 */
import { useId } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Table, Title } from "@mantine/core";
import { longDate, type ConsultationEventView } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { consultationDiaryQuery } from "../features/consultation/queries";
import { AddEventForm } from "../features/consultation/AddEventForm";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";

const notGiven = <span className="muted">Not given</span>;

function List({ items }: { items: string[] }) {
  if (items.length === 0) return notGiven;
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <ul className="plain-list">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

function EventRow({ event }: { event: ConsultationEventView }) {
  const consulted = event.numberConsulted === null ? null : `${event.numberConsultedIsMinimum ? "Over " : ""}${event.numberConsulted}`;
  return (
    <Table.Tr data-event={event.id}>
      <Table.Th scope="row">
        {/* The documents' own words where they give no exact day. */}
        {event.whenWritten ?? <time dateTime={event.date}>{longDate(event.date)}</time>}
      </Table.Th>
      <Table.Td>{event.kind[0]?.toUpperCase() + event.kind.slice(1)}</Table.Td>
      <Table.Td>{event.title}</Table.Td>
      <Table.Td>{event.audience ?? notGiven}</Table.Td>
      <Table.Td>
        <List items={event.organisationsInvited} />
      </Table.Td>
      <Table.Td>{consulted ?? notGiven}</Table.Td>
      <Table.Td>{event.outcome ?? notGiven}</Table.Td>
      <Table.Td>
        <List items={event.documents} />
      </Table.Td>
    </Table.Tr>
  );
}

function ConsultationDiaryPage() {
  const { slug } = consultationDiaryRoute.useParams();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const { data: diary } = useSuspenseQuery(consultationDiaryQuery(slug));
  const captionId = useId();
  useDocumentTitle("Consultation diary", agreement.shortName);
  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">Consultation diary</span>
      </Breadcrumbs>
      <header className="page-heading">
        <p className="kicker">{agreement.name}</p>
        <Title order={1}>Consultation diary</Title>
      </header>
      <section className="section" aria-labelledby={captionId}>
        {diary.events.length === 0 ? (
          <p id={captionId}>No consultation events are recorded for this agreement.</p>
        ) : (
          <ScrollRegion labelledBy={captionId} tall>
            <Table withTableBorder captionSide="top">
              <Table.Caption id={captionId}>The main consultation events, in date order</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">When</Table.Th>
                  <Table.Th scope="col">Kind</Table.Th>
                  <Table.Th scope="col">What happened</Table.Th>
                  <Table.Th scope="col">Audience</Table.Th>
                  <Table.Th scope="col">Organisations invited</Table.Th>
                  <Table.Th scope="col">Number consulted</Table.Th>
                  <Table.Th scope="col">Outcome</Table.Th>
                  <Table.Th scope="col">Documents</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {diary.events.map((event) => (
                  <EventRow key={event.id} event={event} />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
      </section>
      {diary.mayEdit ? <AddEventForm slug={slug} /> : null}
    </>
  );
}

export const consultationDiaryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/consultation-diary",
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(agreementQuery(params.slug)),
      context.queryClient.ensureQueryData(consultationDiaryQuery(params.slug)),
    ]),
  component: ConsultationDiaryPage,
});
