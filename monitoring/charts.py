"""Chart data as the page embeds it (json_script) and as its table fallback reads it."""


def chart(title: str, labels: list, values: list | None = None, series: list[dict] | None = None) -> dict:
    if series is not None:
        rows = [[label, [s["values"][i] for s in series]] for i, label in enumerate(labels)]
        return {"title": title, "labels": labels, "series": series, "rows": rows}
    return {
        "title": title,
        "labels": labels,
        "values": values,
        "rows": [[lab, v] for lab, v in zip(labels, values, strict=True)],
    }
