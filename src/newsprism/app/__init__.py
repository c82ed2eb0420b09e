"""The local web app: browse, search and compare stories (``newsprism serve``)."""
