"""Orders of the director («приказы»), one concept per module:

* ``models`` — kinds, orders, the people an order names, an organization's own wording;
* ``registry`` — the annexes and signing effects that other apps plug in from ``AppConfig.ready()``;
* ``wording`` — the official default wording of every kind and the organization's own;
* ``placeholders`` — the language of ``{{ … }}`` substitutions: validation and filling;
* ``numbering`` — «15-о», the next number of the year;
* ``access`` — which orders a user sees;
* ``documents`` — the resolved text of an order, its preview, its PDF;
* ``services`` — every write: drafts, people, signing, scans, wording;
* ``effects`` — what signing an order of the core's own kinds changes;
* ``forms``, ``views``, ``urls``, ``panels`` — the pages."""
