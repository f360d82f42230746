/** The key to the marks the template uses, said once above the tables that use them. */
import { Flag } from "./Flag";

export function TemplateKey({ outcomes }: { outcomes: boolean }) {
  return (
    <aside aria-labelledby="template-key-heading" className="template-key">
      <h2 id="template-key-heading" className="template-key__title">
        Key
      </h2>
      <dl className="template-key__list">
        <div>
          <dt>
            <span aria-hidden="true">*</span> after a code
          </dt>
          <dd>in the National Indicator Set</dd>
        </div>
        <div>
          <dt>
            <span aria-hidden="true">*</span> after a partner
          </dt>
          <dd>lead partner for the target</dd>
        </div>
        {outcomes ? (
          <>
            <div>
              <dt>
                <Flag tone="blue">LPSA2</Flag>
              </dt>
              <dd>includes a Local Public Service Agreement 2 reward target</dd>
            </div>
            <div>
              <dt>
                <Flag tone="green">SIP</Flag>
              </dt>
              <dd>part of Kent's Supporting Independence Programme</dd>
            </div>
          </>
        ) : null}
      </dl>
    </aside>
  );
}
