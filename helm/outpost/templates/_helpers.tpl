{{/* Names, as `helm create` makes them: the release name, unless it already holds the chart's. */}}
{{- define "outpost.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "outpost.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "outpost.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "outpost.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "outpost.selectorLabels" -}}
app.kubernetes.io/name: {{ include "outpost.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "outpost.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "outpost.certManagerEnabled" -}}
{{- if (index .Values "cert-manager").enabled }}true{{ end }}
{{- end }}

{{/* The kubernetes.io/tls Secret the endpoint serves; empty with httpEnabled. */}}
{{- define "outpost.tlsSecretName" -}}
{{- if not .Values.httpEnabled }}
{{- default (printf "%s-tls" (include "outpost.fullname" .)) .Values.tls.secretName }}
{{- end }}
{{- end }}

{{- define "outpost.connectionSecretName" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else if .Values.connectionString }}
{{- printf "%s-connection" (include "outpost.fullname" .) }}
{{- end }}
{{- end }}

{{- define "outpost.servicePort" -}}
{{- if .Values.service.port }}
{{- .Values.service.port }}
{{- else if .Values.httpEnabled }}80
{{- else }}443
{{- end }}
{{- end }}

{{- define "outpost.scheme" -}}
{{- if .Values.httpEnabled }}http{{ else }}https{{ end }}
{{- end }}

{{/* host:port that nodes reach the endpoint at: the fixed clusterIP, which is in the certificate. */}}
{{- define "outpost.nodeEndpoint" -}}
{{- if .Values.trustDistribution.endpoint }}
{{- .Values.trustDistribution.endpoint }}
{{- else if .Values.service.clusterIP }}
{{- printf "%s://%s:%s" (include "outpost.scheme" .) .Values.service.clusterIP (include "outpost.servicePort" .) }}
{{- end }}
{{- end }}

{{- define "outpost.serviceHost" -}}
{{- printf "%s.%s.svc" (include "outpost.fullname" .) .Release.Namespace }}
{{- end }}

{{/* The paths and ports inside the pod, per the image's contract. */}}
{{- define "outpost.configPath" -}}/etc/outpost/outpost.yaml{{- end }}
{{- define "outpost.tlsDir" -}}/etc/outpost/tls{{- end }}
{{- define "outpost.registryPort" -}}8080{{- end }}
{{- define "outpost.adminPort" -}}9090{{- end }}

{{/* The pod's security settings, shared by the hook pod. */}}
{{- define "outpost.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext }}
{{- end }}
